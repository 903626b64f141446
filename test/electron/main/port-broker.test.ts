import { describe, expect, it } from 'vitest';
import type { CoreConnector } from '../../../electron/main/core-supervisor';
import { PortBroker, type BrokeredWindow } from '../../../electron/main/port-broker';

type FakePort = { name: string };

function setup() {
  let next = 0;
  const log: string[] = [];
  const broker = new PortBroker<FakePort>(() => {
    next += 1;
    return { forCore: { name: `core-${next}` }, forWindow: { name: `window-${next}` } };
  });
  const core = (label: string): CoreConnector<FakePort> => ({
    connect: (windowId, port) => log.push(`${label} connect ${windowId} ${port.name}`),
    disconnect: (windowId) => log.push(`${label} disconnect ${windowId}`),
  });
  const window = (id: number): BrokeredWindow<FakePort> => ({
    id,
    givePort: (port) => log.push(`window ${id} got ${port.name}`),
    tellCoreLost: () => log.push(`window ${id} lost`),
  });
  return { broker, core, window, log };
}

describe('port broker', () => {
  it('holds a page’s request until core is ready, then connects core first', () => {
    const { broker, core, window, log } = setup();
    broker.windowAsked(window(1));
    expect(log).toEqual([]);
    broker.coreReady(core('A'));
    expect(log).toEqual(['A connect 1 core-1', 'window 1 got window-1']);
  });

  it('gives a fresh channel on every request (reload) and to every window after a restart', () => {
    const { broker, core, window, log } = setup();
    broker.coreReady(core('A'));
    broker.windowAsked(window(1));
    broker.windowAsked(window(2));
    broker.windowAsked(window(1));
    expect(log.splice(0)).toEqual([
      'A connect 1 core-1',
      'window 1 got window-1',
      'A connect 2 core-2',
      'window 2 got window-2',
      'A connect 1 core-3',
      'window 1 got window-3',
    ]);
    broker.coreLost();
    expect(log.splice(0)).toEqual(['window 1 lost', 'window 2 lost']);
    broker.windowAsked(window(1));
    expect(log.splice(0)).toEqual([]);
    broker.coreReady(core('B'));
    expect(log.splice(0)).toEqual(['B connect 1 core-4', 'window 1 got window-4', 'B connect 2 core-5', 'window 2 got window-5']);
  });

  it('ends a closed window’s session and forgets it', () => {
    const { broker, core, window, log } = setup();
    broker.coreReady(core('A'));
    broker.windowAsked(window(1));
    log.length = 0;
    broker.windowClosed(1);
    broker.windowClosed(1);
    broker.windowClosed(99);
    expect(log).toEqual(['A disconnect 1']);
    expect(broker.windowCount).toBe(0);
    broker.coreLost();
    expect(log).toEqual(['A disconnect 1']);
  });
});
