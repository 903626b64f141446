import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/core';
import type { HostToMain } from '../../../../electron/core/host/host-protocol';
import { bundleScript, startScript } from '../../../helpers/bundle-script';
import { openTestCore, REPORTER } from '../../../helpers/core';
import { makeTempDir } from '../../../helpers/temp-dir';
import { pageEnd } from '../../helpers/ports';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The entry as the utility process runs it, with a test thread as Electron's main. */
async function startHost(dataDir: string) {
  const script = await bundleScript('test/electron/core/host/utility-worker.child.ts');
  const worker = new Worker(script, { argv: ['--data-dir', dataDir], stderr: true });
  const messages: HostToMain[] = [];
  const waiters = new Set<() => void>();
  worker.on('message', (message: HostToMain) => {
    messages.push(message);
    for (const check of [...waiters]) check();
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  cleanups.push(() => worker.terminate());
  const next = (type: HostToMain['type']) =>
    new Promise<HostToMain>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message from the core host`)), 10_000);
      const check = () => {
        const found = messages.find((message) => message.type === type);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });
  return {
    worker,
    exited,
    next,
    fromMain: (data: unknown, ports: MessagePort[] = []) => worker.postMessage({ data, ports }, ports),
  };
}

describe('core host entry (dist/electron/core-host.mjs)', () => {
  it('opens the library, serves a window port, and drains and exits 0 on shutdown', async () => {
    const dataDir = makeTempDir();
    const host = await startHost(dataDir);
    await host.next('ready');

    const { port1, port2 } = new MessageChannel();
    const page = pageEnd(port2);
    host.fromMain({ type: 'connect', windowId: 1 }, [port1]);
    page.send({ type: 'invoke', id: 1, channel: 'app.info', payload: {} });
    expect(await page.resultFor(1)).toMatchObject({ ok: true, value: { shell: 'electron' } });
    page.send({ type: 'invoke', id: 2, channel: 'profile.set', payload: REPORTER });
    expect(await page.resultFor(2)).toEqual({ ok: true, value: REPORTER });
    page.send('garbage');
    await page.waitFor(() => page.received.some((m) => m.type === 'result' && m.id === -1), 'an answer to garbage');

    host.fromMain({ type: 'shutdown' });
    await host.next('closed');
    expect(await host.exited).toBe(0);

    const reopened: Core = openTestCore({ dataDir });
    cleanups.push(() => reopened.close());
    const session = reopened.connect(() => {});
    expect(await session.invoke('profile.get', {})).toEqual({ ok: true, value: REPORTER });
  });

  it('reports a library it cannot open to main, then exits 1 by itself', async () => {
    const dataDir = makeTempDir();
    const holder = openTestCore({ dataDir });
    cleanups.push(() => holder.close());
    const host = await startHost(dataDir);
    expect(await host.next('fatal')).toMatchObject({ type: 'fatal', code: 'data_dir_locked' });
    expect(await host.exited).toBe(1);
  });

  it('run by plain Node, says where it belongs and exits 2', async () => {
    const script = await bundleScript('electron/core/host/utility-entry.ts');
    const run = startScript(script, ['--data-dir', makeTempDir()]);
    expect(await run.exited).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toContain('only runs inside the utility process');
    expect(run.stderr()).toContain('npm run web');
  });
});
