import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Status } from '../../../shared/model';
import { StatusField } from '../../../renderer/story/inspector/StatusField';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function pick(select: HTMLSelectElement, value: Status): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the status control', () => {
  it('a status picked while the last move is on its way is made next, not dropped', async () => {
    const doc = new Y.Doc();
    const meta = doc.getMap<string | null>('meta');
    meta.set('status', 'draft');
    const asked: Status[] = [];
    const finish: Array<() => void> = [];
    // Like core: the move lands in the story's document, then the call answers.
    const onChoose = (to: Status) =>
      new Promise<string | null>((resolve) => {
        asked.push(to);
        finish.push(() => {
          meta.set('status', to);
          resolve(null);
        });
      });
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => root.render(createElement(StatusField, { meta, onChoose })));
    cleanups.push(() => {
      act(() => root.unmount());
      container.remove();
    });
    const select = container.querySelector('select')!;

    await act(async () => pick(select, 'in_edit'));
    await act(async () => pick(select, 'ready'));
    expect(asked).toEqual(['in_edit']);
    await act(async () => finish.shift()!());
    expect(asked).toEqual(['in_edit', 'ready']);
    await act(async () => finish.shift()!());
    expect(select.value).toBe('ready');
    expect(select.getAttribute('aria-busy')).toBeNull();
  });
});
