import { fail } from '../../../shared/errors';
import type { ServerMessage } from '../../../shared/wire';
import type { Core } from '../core';
import { serveSession } from '../session-transport';

/**
 * The part of Electron's MessagePortMain that the transport uses, so the same
 * code runs against Node's worker_threads ports in tests. Messages are
 * structured clones, not JSON text: anything clonable can arrive.
 */
export interface CorePortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface PortSession {
  /** Ends the core session and closes the port. Safe to call twice. */
  close(): void;
  readonly closed: boolean;
}

/**
 * Carries the API over one MessagePort: each port is one core session, as
 * each WebSocket is in the web shell. Anything that is not a well-formed
 * request gets an `invalid_payload` reply (id -1 when it has no usable id);
 * the port stays open and core never sees it. When the other end goes away
 * (window closed or reloaded), the session ends and its stories are released.
 */
export function attachPort(core: Pick<Core, 'connect' | 'log'>, port: CorePortLike, onClosed?: () => void): PortSession {
  let closed = false;
  const send = (message: ServerMessage) => {
    if (closed) return;
    try {
      port.postMessage(message);
    } catch (error) {
      // A value that cannot be cloned must not take the session down; the
      // caller still gets an answer instead of waiting forever.
      core.log.error('electron core host: could not send a message', { error });
      if (message.type === 'result') {
        try {
          port.postMessage({ type: 'result', id: message.id, result: fail('internal', 'Lede could not send the answer to this request.') });
        } catch {
          // Nothing more can be done for this reply.
        }
      }
    }
  };

  const transport = serveSession(core, send, 'electron core host');
  port.on('message', (event) => transport.receive(event?.data));

  const close = () => {
    if (closed) return;
    closed = true;
    transport.close();
    try {
      port.close();
    } catch {
      // Already gone.
    }
    onClosed?.();
  };
  port.on('close', close);
  port.start();

  return {
    close,
    get closed() {
      return closed;
    },
  };
}
