import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '../../../shared/config';
import { STATUSES } from '../../../shared/model';
import { READY_EDIT_WARNING, respondToEdit } from '../../../shared/workflow/ready-edits';

/** What an edit to a Ready story does (ADR 0063). */
describe('edits to a Ready story', () => {
  it('by default warn, and keep the story Ready', () => {
    expect(DEFAULT_CONFIG.readyEdits).toBe('warn');
    expect(respondToEdit('ready', DEFAULT_CONFIG.readyEdits, 'reporter')).toEqual({ kind: 'warn', message: 'This story is Ready — your edit is on a Ready story.' });
  });

  it('under "back-to-in-edit" move the story back to In edit', () => {
    expect(respondToEdit('ready', 'back-to-in-edit', 'editor')).toMatchObject({ kind: 'move', to: 'in_edit' });
  });

  it('call for nothing at any other status', () => {
    for (const status of STATUSES.filter((s) => s !== 'ready')) {
      for (const rule of ['warn', 'back-to-in-edit'] as const) expect(respondToEdit(status, rule, 'editor'), `${status} ${rule}`).toEqual({ kind: 'none' });
    }
  });

  it('layer like every setting: a policy over a person’s choice', () => {
    expect(resolveConfig({ readyEdits: 'back-to-in-edit' }).readyEdits).toBe('back-to-in-edit');
    expect(resolveConfig({ readyEdits: 'back-to-in-edit' }, { readyEdits: 'warn' }).readyEdits).toBe('warn');
    expect(resolveConfig({ typographicQuotes: false }).typographicQuotes).toBe(false);
    expect(READY_EDIT_WARNING).toContain('Ready');
  });
});
