import type http from 'node:http';
import type { ServerErrorCode } from '../../shared/sync-protocol';
import type { ServerLog } from '../log';

const STATUS: Record<ServerErrorCode, number> = {
  unauthorized: 401,
  device_lost: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  too_large: 413,
  hash_mismatch: 422,
  rate_limited: 429,
  invalid_request: 400,
  unavailable: 503,
  internal: 500,
};

/** An error that an HTTP handler throws to answer with `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    /** Headers the answer carries (Retry-After with 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

export function sendError(response: http.ServerResponse, error: HttpError, headers: Record<string, string> = {}): void {
  sendJson(response, error.status, { error: { code: error.code, message: error.message } }, { ...error.headers, ...headers });
}

/** Reads a small JSON body, refusing more than `limit` bytes without buffering them. */
export function readJson(request: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (declared > limit) return reject(new HttpError('too_large', `The request body is larger than ${limit} bytes.`));
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError('too_large', `The request body is larger than ${limit} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError('invalid_request', 'The request body is not valid JSON.'));
      }
    });
  });
}

/** Runs a store call; a database failure becomes 503 with a message, not a crash. */
export async function guarded<T>(log: ServerLog, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    log.error('database call failed', { error });
    throw new HttpError('unavailable', 'The sync server cannot reach its database right now. Try again shortly.');
  }
}

/** A query parameter that must be a whole number, 0 or more; `fallback` when it is absent or empty. */
export function integerParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new HttpError('invalid_request', `"${name}" must be a whole number, 0 or more.`);
  return value;
}
