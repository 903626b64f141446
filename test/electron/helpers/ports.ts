import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { CorePortLike } from '../../../electron/core/host/port-transport';
import type { ServerMessage } from '../../../shared/wire';

/**
 * Node's worker_threads port dressed as Electron's MessagePortMain (whose
 * 'message' listener gets `{ data }`), so the host code under test is the
 * code that runs in Electron, unchanged.
 */
export function asElectronPort(port: MessagePort): CorePortLike {
  return {
    on(event: 'message' | 'close', listener: (event: { data: unknown }) => void) {
      if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
      else port.on('close', () => (listener as () => void)());
      return this;
    },
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** The page's end of a channel: send raw messages and collect what comes back. */
export function pageEnd(port: MessagePort) {
  const received: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  port.on('message', (message: ServerMessage) => {
    received.push(message);
    for (const check of [...waiters]) check();
  });
  port.on('close', () => {
    closed = true;
    for (const check of [...waiters]) check();
  });
  const waitFor = (predicate: () => boolean, what: string, timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return {
    port,
    received,
    get closed() {
      return closed;
    },
    send: (message: unknown) => port.postMessage(message),
    waitFor,
    async resultFor(id: number) {
      await waitFor(() => received.some((m) => m.type === 'result' && m.id === id), `the result of request ${id}`);
      return received.find((m): m is Extract<ServerMessage, { type: 'result' }> => m.type === 'result' && m.id === id)!.result;
    },
    close: () => port.close(),
  };
}

export function channel() {
  const { port1, port2 } = new MessageChannel();
  return { core: asElectronPort(port1), page: pageEnd(port2) };
}
