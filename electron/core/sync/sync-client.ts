import type { ApiError } from '../../../shared/errors';
import { LedeError } from '../../../shared/errors';
import type { SyncStatus } from '../../../shared/sync-status';
import { syncDocKind } from '../../../shared/sync-protocol';
import { cleartextProblem } from '../../../shared/service-url';
import { isoWithOffset } from '../../../shared/time';
import { articleIdOf, type ArticleService } from '../articles/article-service';
import type { DocStore } from '../docs/doc-store';
import { SYNC_ORIGIN, type LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import type { PresenceUser } from './doc-link';
import type { MediaBlobs } from './media-blobs';
import { presenceColor } from './presence-color';
import { SyncApiError, SyncServerApi } from './server-api';
import { SyncSession } from './sync-session';
import type { SyncAccount, SyncOptions, SyncStore } from './sync-store';

export interface SyncClientDeps {
  store: SyncStore;
  docs: DocStore;
  live: LiveDocs;
  articles: ArticleService;
  media: MediaBlobs;
  log: Logger;
  /** Status for every window. */
  emitStatus(status: SyncStatus): void;
  emitPresence(articleId: string, people: PresenceUser[]): void;
  emitLibraryChanged(articleIds: string[]): void;
  /** After sign-in: the account's name becomes the profile's name. */
  accountSignedIn(account: { name: string }): void;
  isStoryOpen(articleId: string): boolean;
  /** Hosts the machine policy lets Lede reach over plain http:// (test networks only). */
  insecureHosts?(): readonly string[];
  backgroundLinks?: number;
}

const STATUS_THROTTLE_MS = 150;

/**
 * The workstation's sync client: the signed-in account, one session at a
 * time, and the status every window shows. Lives in core, beside the store
 * it syncs; everything it must remember is in the library database.
 */
export class SyncClient {
  private session: SyncSession | null = null;
  private fatal: ApiError | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private lastStatusJson = '';
  private closed = false;

  constructor(private readonly deps: SyncClientDeps) {
    deps.live.onStored((change) => {
      if (change.origin === SYNC_ORIGIN) return;
      const kind = syncDocKind(change.docId);
      if (!kind) return;
      this.session?.localChange(change.docId, change.update, kind);
      this.changed();
    });
    deps.articles.onPurge((docName) => {
      deps.store.recordPurge(docName);
      // After the purge's transaction has committed.
      setImmediate(() => this.session?.purgedLocally(docName));
    });
  }

  /** Resumes syncing with the saved account, if any. */
  start(): void {
    const account = this.deps.store.account();
    if (!account) return;
    // An account kept from before the rule (or before the policy changed) is not used in clear either.
    const problem = this.cleartextRefusal(account.serverUrl);
    if (problem) {
      this.fatal = problem;
      this.deps.log.warn('sync: the saved server address is not encrypted; not connecting');
      return;
    }
    this.startSession();
  }

  status(): SyncStatus {
    const account = this.deps.store.account();
    const waiting = this.deps.store.waiting();
    const session = this.session;
    const base = {
      waitingChanges: waiting.changes,
      waitingStories: waiting.documents,
      syncing: session?.inFlight() ?? 0,
      flagged: this.deps.store.flaggedCount(),
      account: account ? { name: account.name, role: account.role, serverUrl: account.serverUrl } : null,
      lastServerUrl: this.deps.store.lastServerUrl(),
      catalogDays: this.deps.store.options().catalogDays,
      lastSyncedAt: session?.lastSyncedMs ? isoWithOffset(session.lastSyncedMs) : null,
    };
    if (!account) return { ...base, state: 'signed_out', error: null };
    if (this.fatal) return { ...base, state: 'error', error: this.fatal };
    if (!session || !session.isConnected) {
      return { ...base, state: session?.hasConnected ? 'offline' : 'connecting', error: session?.problem ?? null };
    }
    if (session.problem) return { ...base, state: 'error', error: session.problem };
    if (!session.idle()) return { ...base, state: 'syncing', error: null };
    if (waiting.changes > 0 && account.role === 'reader') {
      return {
        ...base,
        state: 'error',
        error: { code: 'forbidden', message: `Your account can read stories but not change them on the server; ${waiting.changes} changes stay on this computer.` },
      };
    }
    if (waiting.changes === 0 && base.flagged > 0) {
      // Not "Synced": some stories are on no server at all until the person decides.
      const stories = base.flagged === 1 ? '1 story is' : `${base.flagged} stories are`;
      return { ...base, state: 'error', error: { code: 'flagged', message: `${stories} no longer on the server. Review them in the library.` } };
    }
    return { ...base, state: waiting.changes > 0 ? 'syncing' : 'synced', error: null };
  }

  /**
   * Checks the address (it must answer /health like a Lede server) and the
   * token (an authenticated call), then keeps both and starts syncing.
   */
  async signIn(serverUrl: string, token: string): Promise<SyncStatus> {
    const url = normalizeServerUrl(serverUrl);
    const refusal = this.cleartextRefusal(url);
    if (refusal) throw new LedeError(refusal.code, refusal.message);
    const api = new SyncServerApi(url, token);
    let serverId: string;
    try {
      serverId = (await api.health()).serverId;
    } catch (error) {
      throw new LedeError('unreachable', `Lede could not reach a sync server at ${url}: ${(error as Error).message}.`);
    }
    let me;
    try {
      me = await api.me();
    } catch (error) {
      if (error instanceof SyncApiError && error.failure === 'unauthorized') {
        throw new LedeError('unauthorized', 'The server did not accept this token. Check it was copied whole, or ask newsroom IT for a new one.');
      }
      throw new LedeError('unreachable', `The sync server at ${url} could not check the token: ${(error as Error).message}`);
    }
    this.stopSession();
    this.fatal = null;
    const previous = this.deps.store.account();
    if (previous && previous.serverUrl !== url) this.deps.store.resetCursor();
    const account: SyncAccount = { serverUrl: url, token, name: me.name, role: me.role, serverId: previous?.serverUrl === url ? previous.serverId : serverId };
    this.deps.store.setAccount(account);
    this.deps.accountSignedIn({ name: me.name });
    this.deps.log.info('sync: signed in', { server: url, role: me.role });
    this.startSession();
    return this.status();
  }

  /** Stops syncing and forgets the token; everything on this computer stays. */
  signOut(): SyncStatus {
    this.stopSession();
    this.fatal = null;
    this.deps.store.setAccount(null);
    this.deps.log.info('sync: signed out');
    this.changed();
    return this.status();
  }

  setOptions(options: SyncOptions): SyncStatus {
    const before = this.deps.store.options();
    this.deps.store.setOptions(options);
    if (options.catalogDays > before.catalogDays) {
      // Older stories the catalog skipped before are now wanted: read it again.
      this.deps.store.resetCursor();
      this.retry();
    }
    this.changed();
    return this.status();
  }

  /** Connects again now (a person pressed Retry, or the network came back). */
  retry(): SyncStatus {
    if (this.deps.store.account() && !this.fatal) {
      this.stopSession();
      this.startSession();
    }
    return this.status();
  }

  flagged(): Array<{ id: string; articleId: string | null; headline: string; localOnly: boolean }> {
    return this.deps.store.flagged().map((row) => ({ id: row.docId, articleId: articleIdOf(row.docId), headline: row.headline, localOnly: row.localOnly }));
  }

  resolveFlag(docId: string, choice: 'upload' | 'keep_local'): void {
    if (!this.deps.docs.info(docId)) throw new LedeError('not_found', 'This story is no longer on this computer.');
    this.deps.store.resolveFlag(docId, choice);
    if (choice === 'upload') this.session?.queue(docId, this.deps.docs.info(docId)!.kind);
    const articleId = articleIdOf(docId);
    if (articleId) this.deps.emitLibraryChanged([articleId]);
    this.changed();
  }

  presence(articleId: string): PresenceUser[] {
    return this.session?.presence(`article:${articleId}`) ?? [];
  }

  storyOpened(articleId: string): void {
    this.session?.storyOpened(`article:${articleId}`);
  }

  storyClosed(articleId: string): void {
    this.session?.storyClosed(`article:${articleId}`);
  }

  /** Downloads a photo this computer does not have (on demand: when a story shows it). */
  async fetchMedia(sha256: string): Promise<boolean> {
    const account = this.deps.store.account();
    if (!account || this.deps.media.has(sha256)) return this.deps.media.has(sha256);
    const bytes = await new SyncServerApi(account.serverUrl, account.token).getMedia(sha256);
    if (!bytes) return false;
    await this.deps.media.write(sha256, bytes);
    return true;
  }

  /** True when signed in, connected and nothing is waiting (tests and benchmarks wait for it). */
  isSettled(): boolean {
    return this.status().state === 'synced';
  }

  close(): void {
    this.closed = true;
    this.stopSession();
    if (this.statusTimer) clearTimeout(this.statusTimer);
  }

  private startSession(): void {
    const account = this.deps.store.account();
    if (!account || this.closed) return;
    const session = new SyncSession({
      account,
      store: this.deps.store,
      docs: this.deps.docs,
      live: this.deps.live,
      articles: this.deps.articles,
      media: this.deps.media,
      log: this.deps.log,
      backgroundLinks: this.deps.backgroundLinks ?? 100,
      hooks: {
        changed: () => this.changed(),
        libraryChanged: (ids) => this.deps.emitLibraryChanged(ids),
        presence: (docId, people) => {
          const articleId = articleIdOf(docId);
          if (articleId) this.deps.emitPresence(articleId, people);
        },
        fatal: (error) => {
          if (this.session === session) this.session = null;
          this.fatal = error;
          this.changed();
        },
        accountChanged: (next) => this.deps.store.setAccount(next),
        isOpen: (docId) => {
          const articleId = articleIdOf(docId);
          return articleId !== null && this.deps.isStoryOpen(articleId);
        },
        user: () => {
          const name = this.deps.store.account()?.name ?? 'Someone';
          return { name, color: presenceColor(name) };
        },
      },
    });
    this.session = session;
    session.start();
    this.changed();
  }

  private cleartextRefusal(url: string): ApiError | null {
    const problem = cleartextProblem(url, this.deps.insecureHosts?.() ?? []);
    return problem ? { code: 'insecure_address', message: `The sync server address ${url} ${problem}. Ask newsroom IT for its https:// address.` } : null;
  }

  private stopSession(): void {
    this.session?.close();
    this.session = null;
  }

  /** Sends the status to every window when it changed (at most every 150 ms). */
  private changed(): void {
    if (this.statusTimer || this.closed) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      const status = this.status();
      // Signed out, windows show no counts: typing need not reach them as status events.
      const json = JSON.stringify(status.state === 'signed_out' ? { ...status, waitingChanges: 0, waitingStories: 0 } : status);
      if (json === this.lastStatusJson) return;
      this.lastStatusJson = json;
      this.deps.emitStatus(status);
    }, STATUS_THROTTLE_MS);
    this.statusTimer.unref();
  }
}

/** `newsroom.example:4818` → `https://newsroom.example:4818`; keeps a path (reverse proxies). */
export function normalizeServerUrl(input: string): string {
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `${/^(localhost|127\.|\[::1\])/i.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LedeError('invalid_payload', `"${input}" is not a server address. Use one like https://sync.newsroom.example.`);
  }
  // A policy may name the server by its WebSocket address; the HTTP API is on the same port.
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    url.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
    url.pathname = url.pathname.replace(/\/sync\/*$/, '');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LedeError('invalid_payload', 'The server address must start with https:// (or http:// on a trusted network).');
  }
  if (url.username || url.password) throw new LedeError('invalid_payload', 'Put the token in the token field, not in the address.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
