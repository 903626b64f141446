import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_UPDATE_BASE64 } from '../../shared/contract';
import type { Core } from '../core/core';
import { contentSecurityPolicy } from '../core/security/csp';
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
 * serves the built renderer and carries the API over a WebSocket.
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

  const server = http.createServer((request, response) => {
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
      if (path.startsWith('/media/') && (request.method === 'GET' || request.method === 'HEAD')) {
        void serveMedia(core, path, request, response).catch(() => notFound(response));
        return;
      }
      return notFound(response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(response);
    serveStatic(options.rendererDir, path, response, securityHeaders());
  });

  function tradeToken(request: http.IncomingMessage, response: http.ServerResponse): void {
    let body = '';
    let tooLarge = false;
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) {
        tooLarge = true;
        request.destroy();
      }
    });
    request.on('end', () => {
      if (tooLarge) return;
      let token: unknown;
      try {
        token = (JSON.parse(body) as { token?: unknown }).token;
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
    });
  }

  server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (path !== API_SOCKET_PATH) return refuse(404, 'Not Found');
    if (!auth.hostAllowed(request) || !auth.originAllowed(request)) return refuse(403, 'Forbidden');
    if (!auth.authorized(request)) return refuse(401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => attachSocket(core, ws));
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
