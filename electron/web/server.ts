import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_UPDATE_BASE64 } from '../../shared/contract';
import type { Core } from '../core/core';
import { contentSecurityPolicy } from '../core/security/csp';
import { answerClientError, describe, refuseConnection, withErrorBoundary } from './request-boundary';
import { SessionAuth } from './session-auth';
import { attachSocket } from './socket-transport';
import { receiveUpload, serveMedia } from './media-routes';
import { notFound, sendJson, serveStatic } from './static-files';

export const API_SOCKET_PATH = '/api/ws';
const MAX_BODY = 4 * 1024;

export interface WebShell {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The web shell: the same workstation in a browser tab. Binds 127.0.0.1 only,
 * serves the built renderer and carries the API over a WebSocket. Every
 * request runs inside an error boundary and every socket has an error
 * listener before anything is written to it: nothing a client sends, or a
 * connection reset, may take the process down.
 */
export async function startWebShell(core: Core, options: { port: number; rendererDir: string }): Promise<WebShell> {
  const auth = new SessionAuth();
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
      return auth.authorized(request)
        ? sendJson(response, 200, { ok: true })
        : sendJson(response, 401, { error: { code: 'unauthorized', message: 'This browser has no Lede session. Open the address that `npm start` (or `npm run web`) printed.' } });
    }
    if (path.startsWith('/api/') || path.startsWith('/media/')) {
      if (!auth.authorized(request)) return sendJson(response, 401, { error: { code: 'unauthorized', message: 'Not signed in to this Lede.' } });
      if (path === '/media/import' && request.method === 'POST') return receiveUpload(core, request, response, auth.originAllowed(request));
      if (path.startsWith('/media/') && (request.method === 'GET' || request.method === 'HEAD')) return serveMedia(core, path, request, response);
      return notFound(response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(response);
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
    const session = auth.trade(token);
    if (!session) {
      core.log.warn('web shell: wrong token offered');
      return sendJson(response, 401, {
        error: { code: 'unauthorized', message: 'This link’s access token is not valid for the running Lede. Open the address that `npm start` (or `npm run web`) printed most recently.' },
      });
    }
    sendJson(response, 200, { ok: true }, { 'Set-Cookie': auth.cookieFor(session) });
  }

  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // First, before anything is written: a client may reset the connection at any moment.
    socket.on('error', (error) => core.log.debug('web shell: upgrade socket error', describe(error)));
    try {
      const path = (request.url ?? '').split('?')[0];
      if (path !== API_SOCKET_PATH) return refuseConnection(socket, 404, 'Not Found');
      if (!auth.hostAllowed(request) || !auth.originAllowed(request)) return refuseConnection(socket, 403, 'Forbidden');
      if (!auth.authorized(request)) return refuseConnection(socket, 401, 'Unauthorized');
      sockets.handleUpgrade(request, socket, head, (ws) => attachSocket(core, ws));
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
    token: auth.token,
    url: `http://127.0.0.1:${port}/#token=${auth.token}`,
    async close() {
      for (const client of sockets.clients) client.close(1001, 'Lede is shutting down');
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
