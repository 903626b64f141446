import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'lede_session';

/** How a person gets a new sign-in link; every refusal that needs one says so. */
export const FRESH_LINK_HINT = 'For a new link, press Enter in the terminal where Lede is running (`npm start` or `npm run web`), or restart Lede: it prints a new address.';

export interface SessionAuthOptions {
  /** A session unused this long (and with no socket open) is forgotten. Default 12 hours. */
  idleMs?: number;
  /** WebSockets one session may hold open at once (tabs, reconnects). Default 16. */
  maxSocketsPerSession?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export type TradeResult = { ok: true; session: string } | { ok: false; reason: 'wrong' | 'used' };

interface Session {
  lastSeen: number;
  sockets: number;
}

/** Links already traded or replaced that we still recognise, to say "already used" rather than "wrong". */
const REMEMBERED_LINKS = 32;

/**
 * Web shell access (ADR 0046). A sign-in link carries a random token in its
 * fragment (never sent in a request line or logged by proxies). The page
 * trades it for an HttpOnly, SameSite=Strict cookie, once: a link that leaked
 * (shell history, a screenshot, another account on the machine) is worth
 * nothing after the person used it. Only one link is live at a time; asking for
 * a new one retires the old. Sessions are forgotten after a long idle time and
 * hold a bounded number of sockets. Host and Origin are checked so a web page
 * in the same browser (or a DNS-rebinding trick) cannot reach the shell.
 */
export class SessionAuth {
  private readonly idleMs: number;
  private readonly maxSockets: number;
  private readonly now: () => number;
  /** sha256 of the live link's token: lookups by hash leak nothing about the token through timing. */
  private liveLink: string | null = null;
  private readonly retiredLinks: string[] = [];
  private readonly sessions = new Map<string, Session>();
  private port = 0;

  constructor(options: SessionAuthOptions = {}) {
    this.idleMs = options.idleMs ?? 12 * 60 * 60 * 1000;
    this.maxSockets = options.maxSocketsPerSession ?? 16;
    this.now = options.now ?? Date.now;
  }

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

  /** A new one-use token; the previous link, used or not, stops working. */
  issueToken(): string {
    const token = randomBytes(24).toString('base64url');
    if (this.liveLink) this.retire(this.liveLink);
    this.liveLink = digest(token);
    return token;
  }

  /** Exchanges the live link's token for a new session id; the token is spent by it. */
  trade(candidate: unknown): TradeResult {
    if (typeof candidate !== 'string' || candidate.length > 200) return { ok: false, reason: 'wrong' };
    const hash = digest(candidate);
    if (hash !== this.liveLink) return { ok: false, reason: this.retiredLinks.includes(hash) ? 'used' : 'wrong' };
    this.retire(hash);
    this.liveLink = null;
    this.forgetIdle();
    const session = randomBytes(24).toString('base64url');
    this.sessions.set(session, { lastSeen: this.now(), sockets: 0 });
    return { ok: true, session };
  }

  cookieFor(session: string): string {
    return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** The request's live session (and marks it used now), or null. */
  sessionOf(request: IncomingMessage): string | null {
    const id = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (id === null) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (this.isIdle(session)) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeen = this.now();
    return id;
  }

  authorized(request: IncomingMessage): boolean {
    return this.sessionOf(request) !== null;
  }

  /** Counts a new socket against the session's cap; false (and nothing counted) if it is full. */
  openSocket(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session || session.sockets >= this.maxSockets) return false;
    session.sockets++;
    return true;
  }

  /**
   * An open socket is an open tab: never idle, however quiet (a story read
   * overnight must still load its photos and reconnect in the morning). The
   * idle clock starts again when the socket closes.
   */
  closeSocket(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    session.sockets = Math.max(0, session.sockets - 1);
    session.lastSeen = this.now();
  }

  private isIdle(session: Session): boolean {
    return session.sockets === 0 && this.now() - session.lastSeen > this.idleMs;
  }

  private forgetIdle(): void {
    for (const [id, session] of this.sessions) if (this.isIdle(session)) this.sessions.delete(id);
  }

  private retire(hash: string): void {
    this.retiredLinks.push(hash);
    if (this.retiredLinks.length > REMEMBERED_LINKS) this.retiredLinks.shift();
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
