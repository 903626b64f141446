import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  CATALOG_PAGE_MAX,
  SYNC_PROTOCOL_VERSION,
  lookupRequestSchema,
  syncDocKind,
  type CatalogItem,
  type CatalogPage,
} from '../../shared/sync-protocol';
import { canWrite, type Account, type Authenticator } from '../auth/authenticator';
import type { ServerLog } from '../log';
import type { CatalogRow, ServerStore } from '../storage/server-store';
import { HttpError, readJson, sendError, sendJson } from './respond';

export interface HttpApiOptions {
  store: ServerStore;
  auth: Authenticator;
  log: ServerLog;
  /** Largest media file accepted, in bytes. */
  maxMediaBytes: number;
  /** Largest JSON body accepted, in bytes. */
  maxJsonBytes: number;
  /** Where uploads are written while their hash is checked. */
  tmpDir: string;
  /** After a purge: drop the document from memory and tell clients the catalog moved. */
  onPurged(name: string, cursor: number | null): void;
}

/**
 * The HTTP half of the server: health, the catalog, media blobs and purges.
 * Every route but /health needs `Authorization: Bearer <token>`; every error
 * is JSON `{ error: { code, message } }`.
 */
export function createHttpApi(options: HttpApiOptions): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  const { store, auth, log } = options;

  const requireAccount = async (request: http.IncomingMessage): Promise<Account> => {
    let account: Account | null;
    try {
      account = await auth.fromHeader(request.headers.authorization);
    } catch (error) {
      log.error('could not check a token (database unavailable?)', { error });
      throw new HttpError('unavailable', 'The sync server cannot reach its database right now. Try again shortly.');
    }
    if (!account) {
      throw new HttpError('unauthorized', 'Send a valid account token as "Authorization: Bearer <token>". Tokens are made with `npm run server -- user add`.');
    }
    return account;
  };

  const requireWriter = async (request: http.IncomingMessage): Promise<Account> => {
    const account = await requireAccount(request);
    if (!canWrite(account)) throw new HttpError('forbidden', `The account "${account.name}" can read but not change anything (role: reader).`);
    return account;
  };

  const routes: Array<{ method: string; pattern: RegExp; handle: (request: http.IncomingMessage, response: http.ServerResponse, match: RegExpExecArray, url: URL) => Promise<void> }> = [
    {
      method: 'GET',
      pattern: /^\/health$/,
      handle: async (_request, response) => {
        let serverId: string;
        try {
          serverId = await store.serverId();
        } catch (error) {
          log.error('health: database unavailable', { error });
          throw new HttpError('unavailable', 'The sync server cannot reach its database.');
        }
        sendJson(response, 200, { ok: true, serverId, protocol: SYNC_PROTOCOL_VERSION });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/me$/,
      handle: async (request, response) => {
        const account = await requireAccount(request);
        sendJson(response, 200, { name: account.name, role: account.role });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/catalog$/,
      handle: async (request, response, _match, url) => {
        await requireAccount(request);
        const since = integerParam(url, 'since', 0);
        const limit = Math.min(integerParam(url, 'limit', 500), CATALOG_PAGE_MAX);
        if (limit < 1) throw new HttpError('invalid_request', '"limit" must be at least 1.');
        const { rows, head } = await guarded(log, () => store.catalog(since, limit));
        const cursor = rows.length > 0 ? rows[rows.length - 1]!.seq : Math.min(since, head);
        sendJson(response, 200, { items: rows.map(toItem), cursor } satisfies CatalogPage);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/catalog\/lookup$/,
      handle: async (request, response) => {
        await requireAccount(request);
        const parsed = lookupRequestSchema.safeParse(await readJson(request, options.maxJsonBytes));
        if (!parsed.success) throw new HttpError('invalid_request', 'Send {"ids": ["article:<uuid>", …]} with at most 1,000 ids.');
        const rows = await guarded(log, () => store.lookup(parsed.data.ids.filter((id) => syncDocKind(id) !== null)));
        sendJson(response, 200, { items: rows.map(toItem) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/media\/([0-9a-f]{64})$/,
      handle: async (request, response, match) => {
        await requireAccount(request);
        const blob = await guarded(log, () => store.blobs.open(match[1]!));
        if (!blob) throw new HttpError('not_found', 'The server has no media file with this hash.');
        response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': blob.size, 'Cache-Control': 'private, max-age=31536000, immutable' });
        await pipeline(blob.stream, response).catch(() => response.destroy());
      },
    },
    {
      method: 'HEAD',
      pattern: /^\/api\/media\/([0-9a-f]{64})$/,
      handle: async (request, response, match) => {
        await requireAccount(request);
        const present = await guarded(log, () => store.blobs.has(match[1]!));
        response.writeHead(present ? 200 : 404, { 'Cache-Control': 'no-store' });
        response.end();
      },
    },
    {
      method: 'PUT',
      pattern: /^\/api\/media\/([0-9a-f]{64})$/,
      handle: async (request, response, match) => {
        await requireWriter(request);
        await receiveMedia(request, response, match[1]!);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/documents\/([^/]+)$/,
      handle: async (request, response, match) => {
        const account = await requireWriter(request);
        const name = decodeURIComponent(match[1]!);
        if (!syncDocKind(name)) throw new HttpError('invalid_request', 'Not a document name (article:<uuid> or media:<sha256>).');
        const purged = await guarded(log, () => store.purgeDocument(name, Date.now()));
        if (!purged) throw new HttpError('not_found', 'The server has no document with this name.');
        log.info('purged a document', { name, by: account.name });
        const [row] = await guarded(log, () => store.lookup([name]));
        options.onPurged(name, row?.seq ?? null);
        sendJson(response, 200, { ok: true });
      },
    },
  ];

  async function receiveMedia(request: http.IncomingMessage, response: http.ServerResponse, sha256: string): Promise<void> {
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (declared > options.maxMediaBytes) {
      throw new HttpError('too_large', `The file is larger than this server accepts (${options.maxMediaBytes} bytes).`);
    }
    if (await guarded(log, () => store.blobs.has(sha256))) {
      // Idempotent: the same bytes are already here.
      request.resume();
      sendJson(response, 200, { ok: true, stored: false });
      return;
    }
    await fs.promises.mkdir(options.tmpDir, { recursive: true });
    const temp = path.join(options.tmpDir, `upload-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const out = fs.createWriteStream(temp, { flags: 'wx' });
    try {
      await pipeline(
        request,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > options.maxMediaBytes) {
              throw new HttpError('too_large', `The file is larger than this server accepts (${options.maxMediaBytes} bytes).`);
            }
            hash.update(chunk);
            yield chunk;
          }
        },
        out,
      );
      const actual = hash.digest('hex');
      if (actual !== sha256) {
        throw new HttpError('hash_mismatch', `The bytes received do not match their name: sha256 is ${actual}, not ${sha256}. Nothing was stored.`);
      }
      await guarded(log, () => store.blobs.put(sha256, temp, size));
      log.info('stored a media file', { sha256, size });
      sendJson(response, 201, { ok: true, stored: true });
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      // The client went away mid-upload: nothing to answer, nothing kept.
      if (!(error instanceof HttpError) && (request.destroyed || request.readableAborted)) {
        log.warn('an upload was cut off; nothing stored', { sha256, received: size });
        return;
      }
      throw error;
    }
  }

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://server.invalid');
    const candidates = routes.filter((route) => route.pattern.test(url.pathname));
    const route = candidates.find((candidate) => candidate.method === request.method);
    const run = async () => {
      if (!route) {
        if (candidates.length > 0) throw new HttpError('method_not_allowed', `${request.method} is not allowed here.`);
        throw new HttpError('not_found', 'There is nothing at this address on the Lede sync server.');
      }
      await route.handle(request, response, route.pattern.exec(url.pathname)!, url);
    };
    run().catch((error: unknown) => {
      const httpError = error instanceof HttpError ? error : new HttpError('internal', 'The sync server could not complete the request.');
      if (!(error instanceof HttpError)) log.error('request failed', { method: request.method, path: url.pathname, error });
      // An error before the body was read: close, so the rest of a large body is not read for nothing.
      const close: Record<string, string> = !request.complete ? { Connection: 'close' } : {};
      sendError(response, httpError, close);
      if (!request.complete) response.once('finish', () => request.destroy());
    });
  };
}

function integerParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new HttpError('invalid_request', `"${name}" must be a whole number, 0 or more.`);
  return value;
}

/** Runs a store call; a database failure becomes 503 with a message, not a crash. */
async function guarded<T>(log: ServerLog, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    log.error('database call failed', { error });
    throw new HttpError('unavailable', 'The sync server cannot reach its database right now. Try again shortly.');
  }
}

function toItem(row: CatalogRow): CatalogItem {
  return {
    id: row.name,
    kind: row.kind,
    headline: row.headline,
    status: row.status,
    updatedAt: new Date(row.updatedMs).toISOString(),
    deleted: row.deleted,
    version: row.version,
  };
}
