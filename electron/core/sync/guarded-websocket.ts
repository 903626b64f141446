import WebSocket from 'ws';

/**
 * `ws` with an error listener always attached, for the Hocuspocus provider
 * (Node has no global WebSocket before 22). The provider removes its own
 * listeners before closing a socket; a socket closed while still connecting
 * then emits an 'error' nobody listens to, which Node turns into an uncaught
 * exception that would take core down.
 */
export class GuardedWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}
