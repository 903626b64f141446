import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

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
 * anything that escapes it or does not exist is a 404; an address that is not
 * a valid path at all (bad percent-encoding, a NUL byte) is a 400.
 */
export async function serveStatic(rootDir: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return badRequest(response);
  }
  // fs throws synchronously on a NUL byte instead of failing the call; no real file name has one.
  if (relative.includes('\0')) return badRequest(response);
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.resolve(rootDir, `.${path.posix.normalize(relative)}`);
  if (!file.startsWith(rootDir + path.sep)) return notFound(response);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    // Missing, a name too long for the file system, not readable: all the same to the page.
    return notFound(response);
  }
  if (!stat.isFile()) return notFound(response);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = relative.startsWith('/assets/');
  response.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': stat.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  // pipeline, not pipe: a client that goes away mid-file closes the file too, and a read error ends the response.
  pipeline(fs.createReadStream(file), response, () => undefined);
}

export function badRequest(response: ServerResponse): void {
  sendJson(response, 400, { error: { code: 'invalid_payload', message: 'This address is not a valid path.' } });
}

export function notFound(response: ServerResponse): void {
  sendJson(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}
