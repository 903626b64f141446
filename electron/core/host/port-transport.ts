import { fail, type Result } from '../../../shared/errors';
import type { ServerMessage } from '../../../shared/wire';
import type { Core } from '../core';

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

type Invocation = { id: number; channel: string; payload: unknown };

const MALFORMED = 'Messages must be objects {type:"invoke", id, channel, payload}.';

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

  const session = core.connect((event, payload) => send({ type: 'event', event, payload }));

  port.on('message', (event) => {
    const request = parseInvocation(event?.data);
    if ('error' in request) {
      core.log.warn('electron core host: malformed message', { kind: describeKind(event?.data) });
      send({ type: 'result', id: request.id, result: fail('invalid_payload', request.error) });
      return;
    }
    session.invoke(request.channel, request.payload).then(
      (result: Result<unknown>) => send({ type: 'result', id: request.id, result }),
      (error: unknown) => send({ type: 'result', id: request.id, result: fail('internal', String(error)) }),
    );
  });

  const close = () => {
    if (closed) return;
    closed = true;
    session.close();
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

/**
 * An invocation, or the reason it is not one. A request with a usable id but
 * a wrong shape is answered under that id so the caller's promise settles. A
 * channel that is not a string becomes '' (as in the web shell), which core's
 * dispatch refuses as unknown: structured clones can carry objects whose
 * conversion to text would throw.
 */
function parseInvocation(value: unknown): Invocation | { id: number; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: -1, error: MALFORMED };
  const message = value as Record<string, unknown>;
  const id = typeof message.id === 'number' && Number.isSafeInteger(message.id) ? message.id : null;
  if (id === null) return { id: -1, error: MALFORMED };
  if (message.type !== 'invoke') return { id, error: MALFORMED };
  return { id, channel: typeof message.channel === 'string' ? message.channel : '', payload: message.payload };
}

/** For the log: what kind of thing arrived, never its content. */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
