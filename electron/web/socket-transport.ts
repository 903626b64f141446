import type { WebSocket } from 'ws';
import { fail } from '../../shared/errors';
import type { ClientMessage, ServerMessage } from '../../shared/wire';
import type { Core } from '../core/core';

/**
 * Carries the API over one WebSocket: each socket is one core session.
 * Anything that is not a well-formed request gets an `invalid_payload` reply
 * (or is dropped if it has no id to reply to); the socket stays open.
 */
export function attachSocket(core: Core, socket: WebSocket): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const session = core.connect((event, payload) => send({ type: 'event', event, payload }));

  socket.on('message', (data, isBinary) => {
    const request = isBinary ? null : parseRequest(data.toString());
    if (!request) {
      core.log.warn('web shell: malformed message', { bytes: (data as Buffer).length ?? 0 });
      send({ type: 'result', id: -1, result: fail('invalid_payload', 'Messages must be JSON objects {type:"invoke", id, channel, payload}.') });
      return;
    }
    session.invoke(request.channel, request.payload).then(
      (result) => send({ type: 'result', id: request.id, result }),
      (error: unknown) => send({ type: 'result', id: request.id, result: fail('internal', String(error)) }),
    );
  });
  socket.on('close', () => session.close());
  socket.on('error', (error) => core.log.warn('web shell: socket error', { error }));
}

function parseRequest(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Partial<ClientMessage>;
  if (message.type !== 'invoke' || typeof message.id !== 'number' || !Number.isSafeInteger(message.id)) return null;
  return { type: 'invoke', id: message.id, channel: typeof message.channel === 'string' ? message.channel : '', payload: message.payload };
}
