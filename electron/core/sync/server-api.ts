import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  accountSchema,
  auditPageSchema,
  catalogPageSchema,
  healthSchema,
  lookupResultSchema,
  MIN_SERVER_PROTOCOL,
  serverErrorSchema,
  type AuditAnswer,
  type CatalogItem,
  type CatalogPage,
  type Health,
  type ServerAccount,
} from '../../../shared/sync-protocol';
import { REVISION_PAGE_MAX, revisionPageSchema, type RevisionPage, type RevisionUpload } from '../../../shared/revisions/newsroom-history';
import { embargoedStoriesSchema, failedTransmissionsSchema, storyTransmissionsSchema, type StoryTransmissions } from '../../../shared/publishing/transmissions';
import { ssoFinishResultSchema, ssoInfoSchema, ssoStartResultSchema, type SsoInfo, type SsoStartRequest, type SsoStartResult } from '../../../shared/sso-protocol';

/** Why a call to the sync server failed, in the terms the client acts on. */
export type SyncApiFailure =
  /** No answer (server down, network gone, timeout): try again later. */
  | 'network'
  /** The token is unknown or revoked: only signing in again helps. */
  | 'unauthorized'
  /** The account may not do this (a reader). */
  | 'forbidden'
  /** The server answered with an error (database down, bad request…). */
  | 'server'
  /** The answer is not what a Lede sync server says. */
  | 'protocol';

export class SyncApiError extends Error {
  constructor(
    readonly failure: SyncApiFailure,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SyncApiError';
  }
}

const TIMEOUT_MS = 10_000;

const sharedAnswerSchema = z.object({ stored: z.boolean() });
const MEDIA_TIMEOUT_MS = 120_000;

/**
 * The sync server's HTTP API, from the workstation's side. Every answer is
 * checked against the shared schemas; every failure becomes a SyncApiError
 * saying whether to retry, sign in again, or give up.
 */
export class SyncServerApi {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly token: string | null,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** The server's id and protocol; refuses a server too old to trust its "stored" (MIN_SERVER_PROTOCOL). */
  async health(): Promise<Health> {
    const health = await this.json('GET', '/health', healthSchema, { auth: false });
    if (health.protocol < MIN_SERVER_PROTOCOL) {
      throw new SyncApiError(
        'protocol',
        `${this.baseUrl} runs an older Lede sync server (protocol ${health.protocol}) that lets any account fake the server's "stored" notice. Ask newsroom IT to update it; until then nothing syncs, so nothing shows Synced that is not stored.`,
      );
    }
    return health;
  }

  /** Whether the server signs people in with the newsroom's provider (no token needed). */
  ssoInfo(): Promise<SsoInfo> {
    return this.json('GET', '/api/sso', ssoInfoSchema, { auth: false });
  }

  ssoStart(request: SsoStartRequest): Promise<SsoStartResult> {
    return this.json('POST', '/api/sso/start', ssoStartResultSchema, { auth: false, body: request });
  }

  /** The one-time code, with the handle and verifier of the same sign-in, for an account token. */
  async ssoFinish(request: { handle: string; code: string; verifier: string }): Promise<string> {
    return (await this.json('POST', '/api/sso/finish', ssoFinishResultSchema, { auth: false, body: request })).token;
  }

  me(): Promise<ServerAccount> {
    return this.json('GET', '/api/me', accountSchema);
  }

  catalog(since: number, limit: number): Promise<CatalogPage> {
    return this.json('GET', `/api/catalog?since=${since}&limit=${limit}`, catalogPageSchema);
  }

  async lookup(ids: string[]): Promise<CatalogItem[]> {
    return (await this.json('POST', '/api/catalog/lookup', lookupResultSchema, { body: { ids } })).items;
  }

  async hasMedia(sha256: string): Promise<boolean> {
    const response = await this.request('HEAD', `/api/media/${sha256}`, {});
    if (response.status === 404) return false;
    await this.check(response);
    return true;
  }

  async putMedia(sha256: string, bytes: Uint8Array): Promise<void> {
    const response = await this.request('PUT', `/api/media/${sha256}`, {
      body: bytes,
      contentType: 'application/octet-stream',
      timeoutMs: MEDIA_TIMEOUT_MS,
    });
    await this.check(response);
    await response.arrayBuffer().catch(() => undefined);
  }

  /** The file's bytes, verified against the hash; null if the server has none. */
  async getMedia(sha256: string): Promise<Uint8Array | null> {
    const response = await this.request('GET', `/api/media/${sha256}`, { timeoutMs: MEDIA_TIMEOUT_MS });
    if (response.status === 404) return null;
    await this.check(response);
    const bytes = new Uint8Array(await this.read(response));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new SyncApiError('protocol', `The server sent a media file that does not match its hash (${sha256}).`);
    return bytes;
  }

  /** One page of a document's audit trail (editors and admins; others get 'forbidden'). */
  auditOfDocument(docId: string, cursor: number, limit: number): Promise<AuditAnswer> {
    return this.json('GET', `/api/audit?document=${encodeURIComponent(docId)}&cursor=${cursor}&limit=${limit}`, auditPageSchema);
  }

  /** What the server did with a story's publications (ADR 0071). */
  publishing(docName: string): Promise<StoryTransmissions> {
    return this.json('GET', `/api/publishing?document=${encodeURIComponent(docName)}`, storyTransmissionsSchema);
  }

  /** Stories this account may read whose latest publication did not reach an output. */
  async publishingFailed(): Promise<string[]> {
    return (await this.json('GET', '/api/publishing/failed', failedTransmissionsSchema)).documents;
  }

  /** Stories this account may read held from an output by their embargo, with when it ends. */
  async publishingEmbargoed(): Promise<Array<{ document: string; until: string }>> {
    return (await this.json('GET', '/api/publishing/embargoed', embargoedStoriesSchema)).stories;
  }

  /** Sends one checkpoint of a story to the newsroom's history; false when the server had it already. */
  async shareRevision(upload: RevisionUpload): Promise<boolean> {
    return (await this.json('POST', '/api/revisions', sharedAnswerSchema, { body: upload })).stored;
  }

  /** One page of a story's history on the server, after `cursor`. */
  revisionsOf(docId: string, cursor: number): Promise<RevisionPage> {
    return this.json('GET', `/api/revisions?document=${encodeURIComponent(docId)}&cursor=${cursor}&limit=${REVISION_PAGE_MAX}`, revisionPageSchema);
  }

  /** Sends a purge's tombstone. 'unknown': the server never had the document. */
  async purge(docId: string): Promise<'purged' | 'unknown'> {
    const response = await this.request('DELETE', `/api/documents/${encodeURIComponent(docId)}`, {});
    if (response.status === 404) return 'unknown';
    await this.check(response);
    return 'purged';
  }

  private async json<T>(method: string, path: string, schema: z.ZodType<T>, options: { auth?: boolean; body?: unknown } = {}): Promise<T> {
    const response = await this.request(method, path, {
      auth: options.auth,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      contentType: options.body === undefined ? undefined : 'application/json',
    });
    await this.check(response);
    let data: unknown;
    try {
      data = JSON.parse(await this.readText(response));
    } catch {
      throw new SyncApiError('protocol', `${this.baseUrl} did not answer like a Lede sync server (no JSON from ${path}).`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new SyncApiError('protocol', `${this.baseUrl} did not answer like a Lede sync server (unexpected ${path}).`);
    return parsed.data;
  }

  private async request(
    method: string,
    path: string,
    options: { auth?: boolean; body?: string | Uint8Array; contentType?: string; timeoutMs?: number },
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (options.auth !== false && this.token) headers.Authorization = `Bearer ${this.token}`;
    if (options.contentType) headers['Content-Type'] = options.contentType;
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        // A plain ArrayBuffer-backed copy: what fetch's body types accept everywhere.
        body: typeof options.body === 'string' || options.body === undefined ? options.body : new Uint8Array(options.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new SyncApiError('network', describeNetworkError(error));
    }
  }

  private async check(response: Response): Promise<void> {
    if (response.ok) return;
    let code: string | undefined;
    let message = `The sync server answered ${response.status}.`;
    try {
      const parsed = serverErrorSchema.safeParse(JSON.parse(await this.readText(response)));
      if (parsed.success) {
        code = parsed.data.error.code;
        message = parsed.data.error.message;
      }
    } catch {
      // Not JSON (a proxy's error page): keep the status line.
    }
    const failure: SyncApiFailure = response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : 'server';
    throw new SyncApiError(failure, message, response.status, code);
  }

  private async readText(response: Response): Promise<string> {
    return new TextDecoder().decode(await this.read(response));
  }

  private async read(response: Response): Promise<ArrayBuffer> {
    try {
      return await response.arrayBuffer();
    } catch (error) {
      throw new SyncApiError('network', describeNetworkError(error));
    }
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'the server did not answer in time';
  if (cause?.code === 'ECONNREFUSED') return 'nothing answers at this address (is the server running?)';
  if (cause?.code === 'ENOTFOUND') return 'this server name is unknown';
  if (cause?.code && /CERT|SSL|TLS/.test(cause.code)) return `the server's certificate is not trusted (${cause.code})`;
  return cause?.message ?? (error as Error).message ?? String(error);
}
