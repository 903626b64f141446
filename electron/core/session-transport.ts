import { fail, type Result } from '../../shared/errors';
import type { ServerMessage } from '../../shared/wire';
import type { Core } from './core';

const MALFORMED = 'Messages must be objects {type:"invoke", id, channel, payload}.';

type Invocation = { id: number; channel: string; payload: unknown };

export interface SessionTransport {
  /** One message from the renderer, already decoded (JSON text parsed, or a structured clone). */
  receive(message: unknown): void;
  /** Ends the core session (the connection is gone). */
  close(): void;
}

/**
 * What both shells do with one connection (a WebSocket, a MessagePort): one
 * core session; each well-formed request goes to core and its result comes
 * back under its id; anything else gets an `invalid_payload` reply (id -1
 * when it has no usable id) and never reaches core; events go out as they
 * happen. Only the encoding differs between shells.
 */
export function serveSession(core: Pick<Core, 'connect' | 'log'>, send: (message: ServerMessage) => void, label: string): SessionTransport {
  const session = core.connect((event, payload) => send({ type: 'event', event, payload }));
  return {
    receive(message) {
      const request = parseInvocation(message);
      if ('error' in request) {
        core.log.warn(`${label}: malformed message`, { kind: describeKind(message) });
        send({ type: 'result', id: request.id, result: fail('invalid_payload', request.error) });
        return;
      }
      session.invoke(request.channel, request.payload).then(
        (result: Result<unknown>) => send({ type: 'result', id: request.id, result }),
        (error: unknown) => send({ type: 'result', id: request.id, result: fail('internal', String(error)) }),
      );
    },
    close: () => session.close(),
  };
}

/**
 * An invocation, or the reason it is not one. A request with a usable id but
 * a wrong shape is answered under that id so the caller's promise settles. A
 * channel that is not a string becomes '', which dispatch refuses as unknown
 * (structured clones can carry objects whose conversion to text would throw).
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
