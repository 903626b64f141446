import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../shared/wire';
import { createWireBridge } from '../../shared/wire';

function fakePipe(options: { sendThrows?: boolean } = {}) {
  const sent: ClientMessage[] = [];
  let deliver: (message: ServerMessage) => void = () => {};
  const bridge = createWireBridge({
    send(message) {
      if (options.sendThrows) throw new Error('pipe closed');
      sent.push(message);
    },
    onMessage(handler) {
      deliver = handler;
    },
  });
  return { bridge, sent, deliver: (message: ServerMessage) => deliver(message) };
}

describe('createWireBridge', () => {
  it('numbers calls and routes each result to its own call, whatever the order', async () => {
    const { bridge, sent, deliver } = fakePipe();
    const first = bridge.invoke('library.list', { query: 'a' });
    const second = bridge.invoke('app.info', {});
    expect(sent).toEqual([
      { type: 'invoke', id: expect.any(Number), channel: 'library.list', payload: { query: 'a' } },
      { type: 'invoke', id: expect.any(Number), channel: 'app.info', payload: {} },
    ]);
    expect(sent[0]!.id).not.toBe(sent[1]!.id);
    deliver({ type: 'result', id: sent[1]!.id, result: { ok: true, value: 'second' } });
    deliver({ type: 'result', id: sent[0]!.id, result: { ok: false, error: { code: 'not_found', message: 'first' } } });
    await expect(second).resolves.toEqual({ ok: true, value: 'second' });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'first' } });
  });

  it('ignores a result for no pending call', async () => {
    const { bridge, sent, deliver } = fakePipe();
    const call = bridge.invoke('app.info', {});
    deliver({ type: 'result', id: 9999, result: { ok: true, value: 'stray' } });
    deliver({ type: 'result', id: sent[0]!.id, result: { ok: true, value: 'mine' } });
    await expect(call).resolves.toEqual({ ok: true, value: 'mine' });
  });

  it('hands events to their listeners only, until they unsubscribe', () => {
    const { bridge, deliver } = fakePipe();
    const heard: unknown[] = [];
    const other: unknown[] = [];
    const stop = bridge.on('library.changed', (payload) => heard.push(payload));
    bridge.on('people.changed', (payload) => other.push(payload));
    deliver({ type: 'event', event: 'library.changed', payload: { ids: ['a'] } });
    stop();
    deliver({ type: 'event', event: 'library.changed', payload: { ids: ['b'] } });
    expect(heard).toEqual([{ ids: ['a'] }]);
    expect(other).toEqual([]);
  });

  it('fail() resolves every pending call with disconnected, and a late result changes nothing', async () => {
    const { bridge, sent, deliver } = fakePipe();
    const calls = [bridge.invoke('app.info', {}), bridge.invoke('library.list', {})];
    bridge.fail('Lede stopped.');
    for (const call of calls) await expect(call).resolves.toEqual({ ok: false, error: { code: 'disconnected', message: 'Lede stopped.' } });
    deliver({ type: 'result', id: sent[0]!.id, result: { ok: true, value: 'late' } });
    await expect(calls[0]).resolves.toMatchObject({ ok: false });
  });

  it('a send that throws resolves the call with disconnected instead of rejecting', async () => {
    const { bridge } = fakePipe({ sendThrows: true });
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: false, error: { code: 'disconnected', message: expect.stringContaining('pipe closed') } });
  });
});
