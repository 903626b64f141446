import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Serves the built renderer. Paths are resolved inside the build folder and
 * anything that escapes it or does not exist is a 404; unknown routes that
 * look like pages get index.html (the app routes itself).
 */
export function serveStatic(rootDir: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): void {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return notFound(response);
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.resolve(rootDir, `.${path.posix.normalize(relative)}`);
  if (!file.startsWith(rootDir + path.sep)) return notFound(response);
  fs.stat(file, (error, stat) => {
    if (error || !stat.isFile()) return notFound(response);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const immutable = relative.startsWith('/assets/');
    response.writeHead(200, {
      ...headers,
      'Content-Type': type,
      'Content-Length': stat.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    fs.createReadStream(file).pipe(response);
  });
}

export function notFound(response: ServerResponse): void {
  sendJson(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}
