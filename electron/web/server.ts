import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_UPDATE_BASE64 } from '../../shared/contract';
import type { Core } from '../core/core';
import { contentSecurityPolicy } from '../core/security/csp';
import { answerAndClose } from '../../shared/net/answer-and-close';
import { answerClientError, describe, withErrorBoundary } from './request-boundary';
import { FRESH_LINK_HINT, SessionAuth, type SessionAuthOptions } from './session-auth';
import { attachSocket } from './socket-transport';
import { receiveUpload, serveMedia } from './media-routes';
import { notFound, sendJson, serveStatic } from './static-files';
import { serveSsoReturn } from './sso-return';
import { WEB_SHELL_SSO_RETURN_PATH } from '../../shared/sso-protocol';

export const API_SOCKET_PATH = '/api/ws';
const MAX_BODY = 4 * 1024;

export interface WebShell {
  /** The first sign-in link and its token; each link signs in one browser, once. */
  url: string;
  port: number;
  token: string;
  /** A new one-use sign-in link (the previous one stops working). */
  freshLink(): string;
  /** API sockets open now (every session's), for tests and diagnostics. */
  openSockets(): number;
  close(): Promise<void>;
}

export interface WebShellOptions extends SessionAuthOptions {
  port: number;
  rendererDir: string;
}

const NO_SESSION = `This browser has no Lede session: it ended when Lede restarted, or after a long time unused. ${FRESH_LINK_HINT}`;

/**
 * The web shell: the same workstation in a browser tab. Binds 127.0.0.1 only,
 * serves the built renderer and carries the API over a WebSocket. Every
 * request runs inside an error boundary and every socket has an error
 * listener before anything is written to it: nothing a client sends, or a
 * connection reset, may take the process down.
 */
export async function startWebShell(core: Core, options: WebShellOptions): Promise<WebShell> {
  const auth = new SessionAuth(options);
  const firstToken = auth.issueToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_UPDATE_BASE64 + 64 * 1024 });
  let csp = '';
  const securityHeaders = () => ({
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });

  const route = (request: http.IncomingMessage, response: http.ServerResponse): void | Promise<void> => {
    if (!auth.hostAllowed(request)) return sendJson(response, 403, { error: { code: 'forbidden', message: 'Unknown host.' } });
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === '/api/session' && request.method === 'POST') return tradeToken(request, response);
    if (path === '/api/session' && request.method === 'GET') {
      return auth.authorized(request) ? sendJson(response, 200, { ok: true }) : sendJson(response, 401, { error: { code: 'unauthorized', message: NO_SESSION } });
    }
    if (path.startsWith('/api/') || path.startsWith('/media/')) {
      if (!auth.authorized(request)) return sendJson(response, 401, { error: { code: 'unauthorized', message: NO_SESSION } });
      if (path === '/media/import' && request.method === 'POST') return receiveUpload(core, request, response, auth.originAllowed(request));
      if (path.startsWith('/media/') && (request.method === 'GET' || request.method === 'HEAD')) return serveMedia(core, path, request, response);
      return notFound(response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(response);
    if (path === WEB_SHELL_SSO_RETURN_PATH) return serveSsoReturn(request, response, securityHeaders());
    return serveStatic(options.rendererDir, path, response, securityHeaders());
  };
  const server = http.createServer(withErrorBoundary(core.log, route));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(core.log, error, socket));

  async function tradeToken(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readSmallBody(request, MAX_BODY);
    if (body === null) return void response.destroy();
    let token: unknown;
    try {
      token = (JSON.parse(body) as { token?: unknown } | null)?.token;
    } catch {
      return sendJson(response, 400, { error: { code: 'invalid_payload', message: 'Send {"token": "…"} as JSON.' } });
    }
    const traded = auth.trade(token);
    if (!traded.ok) {
      core.log.warn('web shell: sign-in link refused', { reason: traded.reason });
      const message =
        traded.reason === 'used'
          ? `This sign-in link was already used (each link signs in one browser, once) or a newer one was printed. ${FRESH_LINK_HINT}`
          : `This link’s access token is not valid for the running Lede. ${FRESH_LINK_HINT}`;
      return sendJson(response, 401, { error: { code: 'unauthorized', message } });
    }
    sendJson(response, 200, { ok: true }, { 'Set-Cookie': auth.cookieFor(traded.session) });
  }

  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // First, before anything is written: a client may reset the connection at any moment.
    socket.on('error', (error) => core.log.debug('web shell: upgrade socket error', describe(error)));
    try {
      const path = (request.url ?? '').split('?')[0];
      if (path !== API_SOCKET_PATH) return answerAndClose(socket, 404, 'Not Found');
      if (!auth.hostAllowed(request) || !auth.originAllowed(request)) return answerAndClose(socket, 403, 'Forbidden');
      const session = auth.sessionOf(request);
      if (session === null) return answerAndClose(socket, 401, 'Unauthorized');
      // Counted in the callback, which ws calls at once or never (a bad handshake it answers itself).
      if (!auth.openSocket(session)) return answerAndClose(socket, 429, 'Too Many Requests');
      let upgraded = false;
      sockets.handleUpgrade(request, socket, head, (ws) => {
        upgraded = true;
        ws.on('close', () => auth.closeSocket(session));
        attachSocket(core, ws);
      });
      if (!upgraded) auth.closeSocket(session);
    } catch (error) {
      core.log.error('web shell: upgrade failed', describe(error));
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  auth.setPort(port);
  csp = contentSecurityPolicy({ connect: auth.allowedOrigins().map((origin) => origin.replace('http:', 'ws:')) });

  return {
    port,
    token: firstToken,
    url: linkFor(port, firstToken),
    freshLink: () => linkFor(port, auth.issueToken()),
    openSockets: () => sockets.clients.size,
    async close() {
      for (const client of sockets.clients) client.close(1001, 'Lede is shutting down');
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function linkFor(port: number, token: string): string {
  return `http://127.0.0.1:${port}/#token=${token}`;
}

/** The request's body as text, or null if it is larger than `limit` or the client went away. */
function readSmallBody(request: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) {
        resolve(null);
        request.destroy();
      }
    });
    request.on('end', () => resolve(body));
    // After 'end' this changes nothing (a promise settles once); before it, the client is gone.
    request.on('close', () => resolve(null));
  });
}
