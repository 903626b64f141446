import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Watches a WebSocket until one of its documents is authenticated.
 *
 * `ws`' maxPayload is one number for the whole server, and must be large
 * for authenticated clients (a story's first sync is one frame). Before
 * authentication the guard counts the raw bytes the socket delivers and
 * cuts it at `maxBytes`: ws refuses a frame larger than maxPayload at its
 * header, but would buffer a smaller one whole, and Hocuspocus queues every
 * message for a document until its auth has been answered. Counting bytes
 * on the socket bounds both, whatever the framing. A socket that has not
 * authenticated anything within `timeoutMs` is closed.
 */
export class UnauthenticatedGuard {
  private received = 0;
  private readonly timer: NodeJS.Timeout;
  private done = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    private readonly options: { maxBytes: number; timeoutMs: number; onCut(reason: 'too-much-before-auth' | 'auth-timeout'): void },
  ) {
    // Attached right after ws took the socket, in the same tick, so this
    // sees every chunk ws sees (including the upgrade's leftover head).
    socket.on('data', this.onData);
    this.timer = setTimeout(() => this.cut('auth-timeout'), options.timeoutMs);
    this.timer.unref();
    ws.once('close', () => this.stop());
  }

  /** A document on this socket was authenticated: the account's limits apply from now on. */
  authenticated(): void {
    this.stop();
  }

  private readonly onData = (chunk: Buffer) => {
    this.received += chunk.length;
    if (this.received > this.options.maxBytes) this.cut('too-much-before-auth');
  };

  private cut(reason: 'too-much-before-auth' | 'auth-timeout'): void {
    if (this.done) return;
    this.stop();
    this.options.onCut(reason);
    // No close handshake: a client that sent too much gets nothing more read,
    // and one that sent nothing has nothing to wait for.
    this.ws.terminate();
  }

  private stop(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.socket.off('data', this.onData);
  }
}
