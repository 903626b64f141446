import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the browser brought back: the server's query on the return address. */
export type SsoReturn = { code: string } | { error: string; description: string };

/** How long the person may take at the provider (typing a password, a second factor). */
const WAIT_MS = 10 * 60_000;

/**
 * The workstation's end of single sign-on in the Electron shell (RFC 8252
 * §7.3): a one-request listener on 127.0.0.1 at an unguessable path, which
 * the system browser is sent back to. It answers the browser with a short
 * page and hands the query to whoever waits; anything else is 404. It
 * closes after that one request, after `close()`, or after ten minutes.
 */
export class SsoLoopback {
  readonly returnUrl: string;
  private readonly server: http.Server;
  private readonly result: Promise<SsoReturn>;
  private settle!: (value: SsoReturn | Error) => void;
  private readonly timer: NodeJS.Timeout;

  private constructor(server: http.Server, returnUrl: string) {
    this.server = server;
    this.returnUrl = returnUrl;
    this.result = new Promise<SsoReturn>((resolve, reject) => {
      this.settle = (value) => (value instanceof Error ? reject(value) : resolve(value));
    });
    // Nobody may be waiting yet: a rejection must not go unhandled.
    this.result.catch(() => undefined);
    this.timer = setTimeout(() => this.finish(new Error('The sign-in took too long. Start it again.')), WAIT_MS);
    this.timer.unref();
  }

  static async listen(): Promise<SsoLoopback> {
    const path = `/sso/${randomBytes(16).toString('base64url')}`;
    let loopback: SsoLoopback | null = null;
    const server = http.createServer((request, response) => loopback?.answer(path, request, response));
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    loopback = new SsoLoopback(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return loopback;
  }

  /** What came back; rejects when the wait ends without it. */
  next(): Promise<SsoReturn> {
    return this.result;
  }

  close(): void {
    this.finish(new Error('The sign-in was cancelled.'));
  }

  private answer(path: string, request: http.IncomingMessage, response: http.ServerResponse): void {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      url = new URL('http://127.0.0.1/');
    }
    if (request.method !== 'GET' || url.pathname !== path) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    const back: SsoReturn | null = code
      ? { code }
      : error
        ? { error: error.slice(0, 50), description: (url.searchParams.get('error_description') ?? 'The sign-in did not complete.').slice(0, 500) }
        : null;
    if (!back) {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not a sign-in answer.');
      return;
    }
    const text = 'code' in back ? 'Lede is finishing your sign-in. You can close this tab and go back to Lede.' : 'The sign-in did not complete. Go back to Lede to see why.';
    const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Lede</title><p>${text}</p></html>`;
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'",
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    // Closed once the page is out: cutting the connection earlier could lose it.
    response.end(html, () => this.finish(back));
    this.settle(back);
  }

  private finish(value: SsoReturn | Error): void {
    clearTimeout(this.timer);
    // A promise settles once: after an answer, a later close or timeout changes nothing.
    this.settle(value);
    this.server.close();
    this.server.closeAllConnections();
  }
}
