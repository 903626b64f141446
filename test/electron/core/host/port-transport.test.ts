import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/core';
import { silentLogger } from '../../../../electron/core/log';
import { attachPort } from '../../../../electron/core/host/port-transport';
import { createWireBridge, type ServerMessage } from '../../../../shared/wire';
import { openTestCore, REPORTER } from '../../../helpers/core';
import { channel } from '../../helpers/ports';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function core(): Core {
  const opened = openTestCore({ shell: 'electron' });
  cores.push(opened);
  return opened;
}

describe('API over a MessagePort', () => {
  it('answers garbage with invalid_payload and keeps serving', async () => {
    const { core: corePort, page } = channel();
    attachPort(core(), corePort);
    const garbage: unknown[] = [42, 'hello', null, true, [1, 2, 3], {}, { type: 'invoke' }, { type: 'invoke', id: 1.5 }, { id: 'x' }, new Map([[1, 2]]), new Date(0), new Uint8Array(64)];
    for (const message of garbage) page.send(message);
    await page.waitFor(() => page.received.length === garbage.length, 'an answer to every malformed message');
    for (const message of page.received) {
      expect(message).toMatchObject({ type: 'result', id: -1, result: { ok: false, error: { code: 'invalid_payload' } } });
    }
    page.send({ type: 'invoke', id: 1, channel: 'app.info', payload: {} });
    expect(await page.resultFor(1)).toEqual({ ok: true, value: { version: '0.0.0-test', shell: 'electron' } });
  });

  it('answers a request with a usable id but a wrong type under that id', async () => {
    const { core: corePort, page } = channel();
    attachPort(core(), corePort);
    page.send({ type: 'subscribe', id: 5, channel: 'app.info' });
    expect(await page.resultFor(5)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('refuses unknown channels and bad payloads with their codes', async () => {
    const { core: corePort, page } = channel();
    attachPort(core(), corePort);
    page.send({ type: 'invoke', id: 1, channel: 'fs.readFile', payload: { path: '/etc/passwd' } });
    page.send({ type: 'invoke', id: 2, channel: { toString: 'app.info' }, payload: {} });
    page.send({ type: 'invoke', id: 3, channel: 'article.open', payload: { id: 'not-a-uuid' } });
    page.send({ type: 'invoke', id: 4, channel: 'profile.set', payload: { name: 'x'.repeat(10_000), role: 'reporter' } });
    page.send({ type: 'invoke', id: 5, channel: '__proto__', payload: {} });
    expect(await page.resultFor(1)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await page.resultFor(2)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await page.resultFor(3)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await page.resultFor(4)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await page.resultFor(5)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('carries a real session: calls, results and events to other windows', async () => {
    const opened = core();
    const a = channel();
    const b = channel();
    attachPort(opened, a.core);
    attachPort(opened, b.core);
    const bridge = createWireBridge({
      send: (message) => a.page.send(message),
      onMessage: (handler) => a.page.port.on('message', (message: ServerMessage) => handler(message)),
    });
    await expect(bridge.invoke('profile.set', REPORTER)).resolves.toEqual({ ok: true, value: REPORTER });
    const created = await bridge.invoke('article.create', {});
    expect(created).toMatchObject({ ok: true, value: { id: expect.any(String) } });
    await b.page.waitFor(() => b.page.received.some((m) => m.type === 'event' && m.event === 'profile.changed'), 'profile.changed in the other window');
    await b.page.waitFor(() => b.page.received.some((m) => m.type === 'event' && m.event === 'library.changed'), 'library.changed in the other window');
    const list = await bridge.invoke('library.list', {});
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('ends the session when the page’s end goes away', async () => {
    const { core: corePort, page } = channel();
    let closedBy = 0;
    const session = attachPort(core(), corePort, () => (closedBy += 1));
    page.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(session.closed).toBe(true);
    expect(closedBy).toBe(1);
    session.close();
    expect(closedBy).toBe(1);
  });

  it('still answers when a result cannot be cloned', async () => {
    const fake: Pick<Core, 'connect' | 'log'> = {
      log: silentLogger,
      connect: () => ({
        id: 'session:fake',
        invoke: async () => ({ ok: true, value: { notCloneable: () => 1 } }),
        close() {},
      }),
    };
    const { core: corePort, page } = channel();
    attachPort(fake, corePort);
    page.send({ type: 'invoke', id: 9, channel: 'app.info', payload: {} });
    expect(await page.resultFor(9)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers a handler that throws instead of hanging', async () => {
    const fake: Pick<Core, 'connect' | 'log'> = {
      log: silentLogger,
      connect: () => ({ id: 'session:fake', invoke: () => Promise.reject(new Error('boom')), close() {} }),
    };
    const { core: corePort, page } = channel();
    attachPort(fake, corePort);
    page.send({ type: 'invoke', id: 3, channel: 'app.info', payload: {} });
    expect(await page.resultFor(3)).toMatchObject({ ok: false, error: { code: 'internal', message: 'Error: boom' } });
  });
});
