import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  AUDIT_PAGE_MAX,
  CATALOG_PAGE_MAX,
  SYNC_PROTOCOL_VERSION,
  lookupRequestSchema,
  type AuditAnswer,
  type CatalogItem,
  type CatalogPage,
  type Health,
} from '../../shared/sync-protocol';
import { canPurge, canReadAuditTrail } from '../../shared/accounts/roles';
import { docKindOf } from '../../shared/documents/doc-names';
import { isDeskEditor, storyAccess } from '../../shared/workflow/story-rules';
import type { AuditLog } from '../audit/audit-log';
import type { RevisionArchive } from '../history/revision-archive';
import { parseIsoInstant } from '../../shared/time';
import { MEDIA_HASH_DIGITS } from '../../shared/media-hash';
import type { AuthThrottle } from '../auth/auth-throttle';
import type { LostDevices } from '../auth/lost-devices';
import { hashToken, looksLikeToken } from '../auth/tokens';
import { Authenticator, canWrite, type Account } from '../auth/authenticator';
import type { ServerLog } from '../log';
import type { CatalogRow, ServerStore } from '../storage/server-store';
import { guarded, HttpError, integerParam, readJson, sendError, sendJson } from './respond';
import { revisionRoutes } from './revision-routes';
import { publishingRoutes } from './publishing-routes';
import type { PublishingDb } from '../publish/publishing-db';

export interface HttpApiOptions {
  store: ServerStore;
  auth: Authenticator;
  log: ServerLog;
  /** Largest media file accepted, in bytes. */
  maxMediaBytes: number;
  /** Largest JSON body accepted, in bytes. */
  maxJsonBytes: number;
  /** Largest checkpoint a laptop may send: a whole story, so as large as the largest document. */
  maxRevisionBytes: number;
  /** Where uploads are written while their hash is checked. */
  tmpDir: string;
  /** Failed token checks per address (shared with the WebSocket). */
  throttle: AuthThrottle;
  /** The client's address, for the throttle (X-Forwarded-For only from trusted proxies). */
  addressOf(request: http.IncomingMessage): string;
  /** Tokens reported lost with their computer: refused as `device_lost` rather than `unauthorized`. */
  lostDevices?: LostDevices;
  /** After a purge: drop the document from memory and tell clients the catalog moved. */
  onPurged(name: string, cursor: number): void;
  audit: AuditLog;
  /** The newsroom's story history (ADR 0065). */
  revisions: RevisionArchive;
  /** How long a purged story stays restorable (told to laptops on /health, so they keep it as long). */
  purgeRetentionDays: number;
  /** Purges one account may make in an hour, counted in the audit trail (so across server processes). */
  maxPurgesPerHour: number;
  /** Routes of features that live in their own modules (single sign-on: sso-routes.ts). */
  moreRoutes?: HttpRoute[];
  /** Publishing's queue, for each story's transmissions (ADR 0071). */
  publishing?: PublishingDb;
}

export interface HttpRoute {
  method: string;
  pattern: RegExp;
  handle(request: http.IncomingMessage, response: http.ServerResponse, match: RegExpExecArray, url: URL): Promise<void>;
}

const HOUR_MS = 3600_000;

/** `/api/media/<sha256>`: a media file by its hash; any other name matches no route. */
const MEDIA_ROUTE = new RegExp(`^/api/media/(${MEDIA_HASH_DIGITS})$`);

/**
 * The HTTP half of the server: health, the catalog, media blobs and purges.
 * Every route but /health needs `Authorization: Bearer <token>`; every error
 * is JSON `{ error: { code, message } }`.
 */
export function createHttpApi(options: HttpApiOptions): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  const { store, auth, log } = options;

  const requireAccount = async (request: http.IncomingMessage): Promise<Account> => {
    const address = options.addressOf(request);
    const token = Authenticator.bearer(request.headers.authorization);
    // Throttled addresses are answered before their token costs a lookup.
    const waitMs = await options.throttle.retryAfterMs(address);
    if (waitMs > 0 && !auth.passesThrottle(token)) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError('rate_limited', `Too many refused tokens from this address. Try again in ${seconds} s.`, { 'Retry-After': String(seconds) });
    }
    let account: Account | null;
    try {
      account = token ? await auth.authenticate(token) : null;
    } catch (error) {
      log.error('could not check a token (database unavailable?)', { error });
      throw new HttpError('unavailable', 'The sync server cannot reach its database right now. Try again shortly.');
    }
    if (!account) {
      await options.throttle.failed(address);
      if (token && looksLikeToken(token) && options.lostDevices && (await isLost(options.lostDevices, token, log))) {
        throw new HttpError('device_lost', 'This token was revoked because its computer was reported lost. Remove the newsroom’s data from this computer.');
      }
      throw new HttpError('unauthorized', 'Send a valid account token as "Authorization: Bearer <token>". Tokens are made with `npm run server -- user add`.');
    }
    return account;
  };

  const requireWriter = async (request: http.IncomingMessage): Promise<Account> => {
    const account = await requireAccount(request);
    if (!canWrite(account)) throw new HttpError('forbidden', `The account "${account.name}" can read but not change anything (role: ${account.role}).`);
    return account;
  };

  const routes: HttpRoute[] = [
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
        sendJson(response, 200, { ok: true, serverId, protocol: SYNC_PROTOCOL_VERSION, purgeRetentionDays: options.purgeRetentionDays } satisfies Health);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/me$/,
      handle: async (request, response) => {
        const account = await requireAccount(request);
        sendJson(response, 200, { name: account.name, role: account.role, desks: account.desks });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/catalog$/,
      handle: async (request, response, _match, url) => {
        const account = await requireAccount(request);
        const since = integerParam(url, 'since', 0);
        const limit = Math.min(integerParam(url, 'limit', 500), CATALOG_PAGE_MAX);
        if (limit < 1) throw new HttpError('invalid_request', '"limit" must be at least 1.');
        const { rows, head } = await guarded(log, () => store.catalog(since, limit));
        // The cursor passes other desks' stories too, so a page of them does not stop a reader.
        const cursor = rows.length > 0 ? rows[rows.length - 1]!.seq : Math.min(since, head);
        sendJson(response, 200, { items: rows.filter((row) => mayList(account, row)).map(toItem), cursor } satisfies CatalogPage);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/catalog\/lookup$/,
      handle: async (request, response) => {
        const account = await requireAccount(request);
        const parsed = lookupRequestSchema.safeParse(await readJson(request, options.maxJsonBytes));
        if (!parsed.success) throw new HttpError('invalid_request', 'Send {"ids": ["article:<uuid>", …]} with at most 1,000 ids.');
        const rows = await guarded(log, () => store.lookup(parsed.data.ids.filter((id) => docKindOf(id) !== null)));
        // A laptop asks about stories it has: one now on another desk is still known
        // (so it is not flagged as lost), but says nothing of itself.
        sendJson(response, 200, { items: rows.map((row) => (mayList(account, row) ? toItem(row) : { ...toItem(row), headline: '', status: '' })) });
      },
    },
    {
      method: 'GET',
      pattern: MEDIA_ROUTE,
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
      pattern: MEDIA_ROUTE,
      handle: async (request, response, match) => {
        await requireAccount(request);
        const present = await guarded(log, () => store.blobs.has(match[1]!));
        response.writeHead(present ? 200 : 404, { 'Cache-Control': 'no-store' });
        response.end();
      },
    },
    {
      method: 'PUT',
      pattern: MEDIA_ROUTE,
      handle: async (request, response, match) => {
        await requireWriter(request);
        await receiveMedia(request, response, match[1]!);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/documents\/([^/]+)$/,
      handle: async (request, response, match) => {
        const account = await requireAccount(request);
        if (!canPurge(account.role)) {
          throw new HttpError('forbidden', `Only an administrator can delete a story for good; "${account.name}" is ${account.role}. Move it to the trash instead.`);
        }
        const name = decodeName(match[1]!);
        if (!name || !docKindOf(name)) throw new HttpError('invalid_request', 'Not a document name (article:<uuid> or media:<sha256>).');
        if (docKindOf(name) !== 'article') throw new HttpError('invalid_request', 'Only stories are deleted for good; a photo stays while any story may show it.');
        const now = Date.now();
        const recent = await guarded(log, () => options.audit.purgesSince(account.id, now - HOUR_MS));
        if (recent >= options.maxPurgesPerHour) {
          log.warn('refused a purge: the account purged as many stories as an hour allows', { by: account.name, limit: options.maxPurgesPerHour });
          throw new HttpError('rate_limited', `"${account.name}" deleted ${recent} stories for good in the last hour, the most this server allows. Try again later.`);
        }
        const outcome = await guarded(log, () => store.purgeDocument(name, now));
        switch (outcome.kind) {
          case 'unknown':
            throw new HttpError('not_found', 'The server has no document with this name.');
          case 'not_trashed':
            throw new HttpError('invalid_request', 'This story is not in the trash: move it to the trash first.');
          case 'already_purged':
            sendJson(response, 200, { ok: true });
            return;
          case 'purged':
            log.info('purged a document', { name, by: account.name });
            options.onPurged(name, outcome.seq);
            // The purge is done whatever becomes of its record; a record that failed is logged (and not counted by the bound).
            await options.audit
              .record([{ document: name, account, atMs: now, kind: 'purge' }])
              .catch((error: unknown) => log.error('could not record a purge in the audit trail', { name, by: account.name, error }));
            sendJson(response, 200, { ok: true });
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/audit$/,
      handle: async (request, response, _match, url) => {
        const account = await requireAccount(request);
        if (!canReadAuditTrail(account.role)) throw new HttpError('forbidden', `The audit trail is for editors and administrators; "${account.name}" is ${account.role}.`);
        const query = auditQuery(url);
        if (query.by === 'document') {
          const [row] = await guarded(log, () => store.lookup([query.document]));
          if (row && !mayAudit(account, row)) {
            throw new HttpError('forbidden', `The trail of a story is for its desk's editors and administrators; it is on the ${row.desk} desk.`);
          }
        }
        const page = await guarded(log, () =>
          query.by === 'document'
            ? options.audit.forDocument(query.document, query.page)
            : options.audit.forAccount(query.account, { ...query.page, sinceMs: query.sinceMs }),
        );
        // An editor reads what happened on their desks' stories (and to photos, which serve every desk).
        if (account.role !== 'admin' && query.by === 'account') {
          const rows = await guarded(log, () => store.lookup([...new Set(page.entries.map((entry) => entry.document))]));
          const hidden = new Set(rows.filter((row) => !mayAudit(account, row)).map((row) => row.name));
          sendJson(response, 200, { ...page, entries: page.entries.filter((entry) => !hidden.has(entry.document)) } satisfies AuditAnswer);
          return;
        }
        sendJson(response, 200, page satisfies AuditAnswer);
      },
    },
    ...revisionRoutes({ archive: options.revisions, store, log, requireAccount, maxRevisionBytes: options.maxRevisionBytes }),
    ...(options.publishing ? publishingRoutes({ db: options.publishing, store, log, requireAccount }) : []),
    ...(options.moreRoutes ?? []),
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

  // The one error boundary of every request: nothing a client sends may
  // throw out of here (an exception in a 'request' listener ends the process).
  return (request, response) => {
    // A client that resets mid-request makes the request emit 'error'.
    request.on('error', (error) => log.debug('request stream error', { error: error.message }));
    response.on('error', (error) => log.debug('response stream error', { error: error.message }));
    let pathname = '?';
    const run = async () => {
      // An absolute-form target such as "http://[" does not parse: that is the client's mistake.
      let url: URL;
      try {
        url = new URL(request.url ?? '/', 'http://server.invalid');
      } catch {
        throw new HttpError('invalid_request', 'The request target is not a valid address.');
      }
      pathname = url.pathname;
      const candidates = routes.filter((route) => route.pattern.test(url.pathname));
      const route = candidates.find((candidate) => candidate.method === request.method);
      if (!route) {
        if (candidates.length > 0) throw new HttpError('method_not_allowed', `${request.method} is not allowed here.`);
        throw new HttpError('not_found', 'There is nothing at this address on the Lede sync server.');
      }
      await route.handle(request, response, route.pattern.exec(url.pathname)!, url);
    };
    run().catch((error: unknown) => {
      try {
        const httpError = error instanceof HttpError ? error : new HttpError('internal', 'The sync server could not complete the request.');
        if (!(error instanceof HttpError)) log.error('request failed', { method: request.method, path: pathname, error });
        // An error before the body was read: close, so the rest of a large body is not read for nothing.
        const close: Record<string, string> = !request.complete ? { Connection: 'close' } : {};
        sendError(response, httpError, close);
        if (!request.complete) response.once('finish', () => request.destroy());
      } catch (failure) {
        log.error('could not answer a failed request', { error: failure });
        response.destroy();
      }
    });
  };
}

/** A document name from its percent-encoded path segment; null when the encoding is broken. */
function decodeName(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

type AuditRequest = { page: { limit: number; after: number } } & (
  | { by: 'document'; document: string }
  | { by: 'account'; account: string; sinceMs: number }
);

/** `?document=ID` or `?account=NAME[&since=ISO]`, with `limit` and `cursor`; anything else is a 400 saying what is wrong. */
function auditQuery(url: URL): AuditRequest {
  const known = new Set(['document', 'account', 'since', 'limit', 'cursor']);
  const unknown = [...url.searchParams.keys()].filter((key) => !known.has(key));
  if (unknown.length > 0) throw new HttpError('invalid_request', `Unknown parameter "${unknown[0]}": use document, or account with since, and limit, cursor.`);
  const limit = Math.min(integerParam(url, 'limit', 100), AUDIT_PAGE_MAX);
  if (limit < 1) throw new HttpError('invalid_request', '"limit" must be at least 1.');
  const page = { limit, after: integerParam(url, 'cursor', 0) };
  const document = url.searchParams.get('document');
  const account = url.searchParams.get('account');
  if ((document === null) === (account === null)) throw new HttpError('invalid_request', 'Ask for one of "document" (article:<uuid>) or "account" (a name).');
  if (document !== null) {
    if (!docKindOf(document)) throw new HttpError('invalid_request', '"document" must be a document name (article:<uuid> or media:<sha256>).');
    if (url.searchParams.has('since')) throw new HttpError('invalid_request', '"since" goes with "account".');
    return { by: 'document', document, page };
  }
  if (!account || account.length > 100 || /[\u0000-\u001f\u007f]/.test(account)) {
    throw new HttpError('invalid_request', '"account" must be an account name: 1 to 100 characters, no control characters.');
  }
  return { by: 'account', account, sinceMs: sinceParam(url), page };
}

/** `since` as an ISO 8601 date or date and time (UTC unless it says otherwise); 0 when absent. */
function sinceParam(url: URL): number {
  const raw = url.searchParams.get('since');
  if (raw === null) return 0;
  const ms = parseIsoInstant(raw);
  if (ms === null) throw new HttpError('invalid_request', '"since" must be an ISO 8601 date, e.g. 2026-12-01 or 2026-12-01T09:00:00Z.');
  return ms;
}

/** Whether an account reads a document's audit trail: a story's desk editors and admins; any photo's editors. */
function mayAudit(account: Account, row: CatalogRow): boolean {
  return row.kind !== 'article' || isDeskEditor(account, row.desk);
}

/** Whether a catalog row is this account's to see: a story of its desks (or no desk's), any photo. */
function mayList(account: Account, row: CatalogRow): boolean {
  return row.kind !== 'article' || storyAccess(account, row.desk) !== 'none';
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

async function isLost(lost: LostDevices, token: string, log: ServerLog): Promise<boolean> {
  try {
    return (await lost.lostAt(hashToken(token))) !== null;
  } catch (error) {
    // Unknown: answered as a plain refusal (the workstation stops syncing and keeps its data, which is the safe way to be wrong).
    log.error('could not check for a lost token', { error });
    return false;
  }
}
