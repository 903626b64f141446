import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'lede_session';

/**
 * Web shell access: a random token per launch, printed in the URL fragment
 * (never sent in a request line or logged by proxies). The page trades it
 * once for an HttpOnly, SameSite=Strict cookie; the cookie authorizes the
 * WebSocket and every other route. Host and Origin are checked so a web page
 * in the same browser (or a DNS-rebinding trick) cannot reach the shell.
 */
export class SessionAuth {
  readonly token = randomBytes(24).toString('base64url');
  private readonly sessions = new Set<string>();
  private port = 0;

  setPort(port: number): void {
    this.port = port;
  }

  allowedOrigins(): string[] {
    return [`http://127.0.0.1:${this.port}`, `http://localhost:${this.port}`];
  }

  /** Requests must name this server as their host (DNS rebinding defence). */
  hostAllowed(request: IncomingMessage): boolean {
    const host = request.headers.host ?? '';
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}`;
  }

  /** The WebSocket must come from the workstation page itself. */
  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin !== undefined && this.allowedOrigins().includes(origin);
  }

  /** Exchanges the launch token for a new session id, or null if the token is wrong. */
  trade(candidate: unknown): string | null {
    if (typeof candidate !== 'string' || !safeEqual(candidate, this.token)) return null;
    const session = randomBytes(24).toString('base64url');
    this.sessions.add(session);
    return session;
  }

  cookieFor(session: string): string {
    return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  authorized(request: IncomingMessage): boolean {
    const session = readCookie(request.headers.cookie, SESSION_COOKIE);
    return session !== null && this.sessions.has(session);
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
