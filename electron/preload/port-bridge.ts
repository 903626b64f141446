import type { ConnectionState, LedeBridge } from '../../shared/contract';
import { createWireBridge, type ClientMessage, type ServerMessage } from '../../shared/wire';

/**
 * The page's side of the MessagePort to core, without Electron: the preload
 * feeds it the ports main sends, and it gives the page one stable bridge.
 * Must stay free of Node and Electron imports: the preload is sandboxed.
 */
export interface PagePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface PortBridge {
  bridge: LedeBridge & { onConnection(listener: (state: ConnectionState) => void): () => void };
  /** A new port from main: the first one connects; a later one means core restarted or the page got a new session. */
  usePort(port: PagePortLike): void;
  /** Main says core stopped: calls in flight fail with `disconnected` and the page hears 'lost'. */
  coreLost(): void;
}

const LOST_MESSAGE = 'Lede’s core restarted. Your changes are kept and will be saved when it is back.';

/**
 * Calls made before the first port arrives (the page starts before main has
 * handed one over) wait in a queue. After a loss they fail at once with
 * `disconnected`, as in the web shell, so callers keep their data and retry
 * when they hear 'open'.
 */
export function createPortBridge(): PortBridge {
  let state: 'waiting' | ConnectionState = 'waiting';
  let port: PagePortLike | null = null;
  const queued: ClientMessage[] = [];
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let deliver: (message: ServerMessage) => void = () => {};

  const wire = createWireBridge({
    send(message) {
      if (state === 'open' && port) port.postMessage(message);
      else if (state === 'waiting') queued.push(message);
      else throw new Error('core is restarting');
    },
    onMessage(handler) {
      deliver = handler;
    },
  });

  const announce = (next: ConnectionState) => {
    for (const listener of [...connectionListeners]) {
      try {
        listener(next);
      } catch {
        // One page listener failing must not keep the others from hearing it.
      }
    }
  };

  const coreLost = () => {
    if (state !== 'open') return;
    state = 'lost';
    closeQuietly(port);
    port = null;
    wire.fail(LOST_MESSAGE);
    announce('lost');
  };

  const usePort = (next: PagePortLike) => {
    const firstPort = state === 'waiting';
    coreLost();
    port = next;
    next.addEventListener('message', (event) => {
      if (port !== next) return;
      const message = asServerMessage(event.data);
      if (message) deliver(message);
    });
    next.start();
    state = 'open';
    for (const message of queued.splice(0)) next.postMessage(message);
    if (!firstPort) announce('open');
  };

  return {
    bridge: {
      invoke: (channel, payload) => wire.invoke(channel, payload),
      on: (event, listener) => wire.on(event, listener),
      onConnection(listener) {
        connectionListeners.add(listener);
        return () => {
          connectionListeners.delete(listener);
        };
      },
    },
    usePort,
    coreLost,
  };
}

function closeQuietly(port: PagePortLike | null): void {
  try {
    port?.close();
  } catch {
    // Already closed.
  }
}

/** Only well-formed replies and events reach the page's bridge. */
export function asServerMessage(value: unknown): ServerMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.type === 'result' && typeof message.id === 'number' && typeof message.result === 'object' && message.result !== null) {
    return value as ServerMessage;
  }
  if (message.type === 'event' && typeof message.event === 'string') return value as ServerMessage;
  return null;
}
