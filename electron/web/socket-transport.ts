import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/wire';
import type { Core } from '../core/core';
import { serveSession } from '../core/session-transport';

/** Carries the API over one WebSocket (JSON text frames): each socket is one core session. */
export function attachSocket(core: Core, socket: WebSocket): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const transport = serveSession(core, send, 'web shell');
  socket.on('message', (data, isBinary) => {
    // Binary frames and text that is not JSON are malformed requests like any other.
    transport.receive(isBinary ? null : parseJson(data.toString()));
  });
  socket.on('close', () => transport.close());
  socket.on('error', (error) => core.log.warn('web shell: socket error', { error }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
