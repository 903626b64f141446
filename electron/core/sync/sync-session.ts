import type * as Y from 'yjs';
import type { UpdateRefusal } from '../../../shared/documents/document-kind';
import { articleIdOf } from '../../../shared/documents/article-kind';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { ApiError } from '../../../shared/errors';
import { CONTROL_DOC, REFUSAL_REASONS, SYNC_SOCKET_PATH, controlStatelessSchema } from '../../../shared/sync-protocol';
import { type ArticleService } from '../articles/article-service';
import type { DocStore } from '../docs/doc-store';
import type { DocKind } from '../../../shared/documents/doc-names';
import type { LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import { backoffDelay } from './backoff';
import type { PresenceUser } from './doc-link';
import { DocLinks, type InFlight } from './doc-links';
import { GuardedWebSocket } from './guarded-websocket';
import type { MediaBlobs } from './media-blobs';
import { MediaUploads } from './media-uploads';
import { SyncApiError, SyncServerApi } from './server-api';
import { ServerKnowledge } from './server-knowledge';
import type { SyncAccount, SyncStore } from './sync-store';

export interface SessionHooks {
  /** Something the status shows may have changed. */
  changed(): void;
  /** Library rows of these stories show a different sync badge. */
  libraryChanged(articleIds: string[]): void;
  presence(docId: string, people: PresenceUser[]): void;
  /** The server refused the account: sync stops until the person signs in again. */
  fatal(error: ApiError): void;
  /** The server refused the token because this computer was reported lost: the client removes the newsroom's data. */
  deviceLost(): void;
  /** The server's id or the account's role changed; remember it. */
  accountChanged(account: SyncAccount): void;
  isOpen(docId: string): boolean;
  user(): PresenceUser;
  /** The server refused a change of this computer's: write back what it holds, tell the person. */
  undoRefused(docId: string, kind: DocKind, refusal: UpdateRefusal): void;
  /** The server stored everything local of a document: tidy what that settled (true: that was a change). */
  tidyStored(docId: string, kind: DocKind, state: Y.Doc): boolean;
}

export interface SessionDeps {
  account: SyncAccount;
  store: SyncStore;
  docs: DocStore;
  live: LiveDocs;
  articles: ArticleService;
  media: MediaBlobs;
  log: Logger;
  hooks: SessionHooks;
  /** Documents synced at once in the background (open stories come on top). */
  backgroundLinks: number;
  /** Pause before a story refused as too large is tried again (after it changed here). */
  tooLargeRetryMs: number;
}

const PING_MS = 10_000;
/** Catalog notices can be missed, and a document can be let go unsynced: look again this often anyway. */
const SWEEP_MS = 30_000;

/**
 * One signed-in sync session: a single WebSocket to the server that carries
 * every document (Hocuspocus multiplexes them), plus the HTTP calls beside it.
 *
 * On each connection the session first asks the server who it is (a new id
 * means a new or reset server), sends owed purges, reads the catalog from
 * its cursor; documents a server once stored are attached only after the
 * server confirmed it still knows them. When the connection drops, every
 * document is let go and the socket is made anew, so nothing is pushed to a
 * server before those checks ran again, and nothing queued on the old socket
 * reaches the next connection.
 */
export class SyncSession {
  private socket: HocuspocusProviderWebsocket | null = null;
  private control: HocuspocusProvider | null = null;
  private generation = 0;
  private connected = false;
  private everConnected = false;
  /** Checks done on this connection: documents may be attached. */
  private ready = false;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private refreshAttempt = 0;
  private reconnectAttempt = 0;
  private reconnectScheduled = false;
  private account: SyncAccount;
  private readonly api: SyncServerApi;
  private readonly knowledge: ServerKnowledge;
  private readonly uploads: MediaUploads;
  private readonly links: DocLinks;
  problem: ApiError | null = null;

  constructor(private readonly deps: SessionDeps) {
    this.account = deps.account;
    this.api = new SyncServerApi(this.account.serverUrl, this.account.token);
    const later = (ms: number, fn: () => void) => this.later(ms, fn);
    const background = (work: Promise<unknown>, what: string) => this.background(work, what);
    this.knowledge = new ServerKnowledge({
      ...deps,
      api: () => this.api,
      serverId: () => this.serverId,
      want: (docId, kind) => this.links.want(docId, kind),
      drop: (docId) => this.links.drop(docId),
      libraryChanged: (docId) => this.libraryChanged(docId),
      answered: () => this.links.pump(),
      later,
    });
    this.uploads = new MediaUploads({
      ...deps,
      api: () => this.api,
      serverId: () => this.serverId,
      later,
      uploaded: (docIds) => {
        for (const docId of docIds) this.links.evaluate(docId);
        deps.hooks.changed();
      },
    });
    this.links = new DocLinks({
      ...deps,
      knowledge: this.knowledge,
      uploads: this.uploads,
      connection: () =>
        this.ready && this.socket
          ? { socket: this.socket, token: this.account.token, serverId: this.serverId, readOnly: this.account.role === 'reader' }
          : null,
      isOpen: (docId) => deps.hooks.isOpen(docId),
      user: () => deps.hooks.user(),
      presence: (docId, people) => deps.hooks.presence(docId, people),
      changed: () => deps.hooks.changed(),
      progressed: () => (this.reconnectAttempt = 0),
      libraryChanged: (docId) => this.libraryChanged(docId),
      undoRefused: (docId, kind, refusal) => deps.hooks.undoRefused(docId, kind, refusal),
      tidyStored: (docId, kind, state) => deps.hooks.tidyStored(docId, kind, state),
      later,
      background,
      reconnect: () => this.reconnectSoon(),
      checkAccount: () => background(this.checkAccount(), 'checkAccount'),
    });
  }

  start(): void {
    this.openSocket();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get hasConnected(): boolean {
    return this.everConnected;
  }

  /** Whether an edit of this document now is made live with the server (not offline, not before its first sync after an offline edit). */
  isLiveFor(docId: string): boolean {
    return this.connected && this.ready && this.links.isLive(docId);
  }

  /** The newest stored version of a document this laptop heard of (where an offline rewrite starts). */
  storedVersion(docId: string): number {
    return this.links.storedVersion(docId);
  }

  get serverId(): string {
    return this.account.serverId;
  }

  get lastSyncedMs(): number | null {
    return this.links.lastSyncedMs;
  }

  /** Stories and photos being synced right now or queued (for "Syncing N stories and M photos…"). */
  inFlight(): InFlight {
    return this.connected ? this.links.inFlight() : { stories: 0, photos: 0 };
  }

  /** True when connected, checked, and nothing is queued or in flight. */
  /** Stories the server refused as larger than its limit (their changes stay here). */
  tooLargeStories(): { count: number; limitBytes: number } | null {
    return this.links.tooLargeStories();
  }

  idle(): boolean {
    const busy = this.links.inFlight();
    return this.ready && busy.stories + busy.photos === 0 && !this.uploads.pending && !this.knowledge.readingCatalog;
  }

  /** A change core committed (not one that came from the server). */
  localChange(docId: string, update: Uint8Array, kind: DocKind): void {
    this.links.localChange(docId, update, kind);
  }

  /** Syncs a document on this connection (or the next). */
  queue(docId: string, kind: DocKind): void {
    this.links.want(docId, kind);
  }

  storyOpened(docId: string): void {
    this.links.opened(docId);
  }

  storyClosed(docId: string): void {
    this.links.closed(docId);
  }

  presence(docId: string): PresenceUser[] {
    return this.links.presence(docId);
  }

  /** A story was deleted for good here: stop syncing it and send its tombstone. */
  purgedLocally(docId: string): void {
    this.links.drop(docId);
    if (this.ready) this.background(this.knowledge.sendPurges(), 'sendPurges');
  }

  close(): void {
    this.closed = true;
    this.teardown();
  }

  private openSocket(): void {
    if (this.closed) return;
    const generation = ++this.generation;
    const socket = new HocuspocusProviderWebsocket({
      url: this.account.serverUrl.replace(/^http/, 'ws').replace(/\/+$/, '') + SYNC_SOCKET_PATH,
      WebSocketPolyfill: GuardedWebSocket,
      // Exponential backoff with jitter between attempts, from ¼ s to 10 s.
      delay: 500,
      minDelay: 250,
      maxDelay: 10_000,
      factor: 2,
      jitter: true,
      messageReconnectTimeout: 30_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      if (generation !== this.generation) return;
      this.connected = true;
      this.everConnected = true;
      this.deps.hooks.changed();
      this.background(this.refresh(generation), 'refresh');
    });
    socket.on('disconnect', () => {
      if (generation !== this.generation || !this.connected) return;
      this.deps.log.info('sync: connection lost');
      this.teardown();
      this.deps.hooks.changed();
      this.openSocket();
    });
    const control = new HocuspocusProvider({ websocketProvider: socket, name: CONTROL_DOC, token: this.account.token, awareness: null });
    control.on('stateless', ({ payload }: { payload: string }) => this.onControlMessage(payload));
    control.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (reason === REFUSAL_REASONS.unauthorized) this.background(this.checkAccount(), 'checkAccount');
    });
    control.attach();
    this.control = control;
    this.every(PING_MS, () => {
      if (this.connected) control.sendStateless('ping');
    });
    this.every(DocLinks.STALLED_CHECK_MS, () => {
      if (!this.ready) return;
      this.links.recycleStalled();
      this.links.letGoQuiet();
    });
    this.every(SWEEP_MS, () => {
      if (!this.ready) return;
      for (const docId of this.deps.store.unsyncedDocIds()) this.links.want(docId, this.links.kindOf(docId));
      this.background(this.knowledge.pullCatalog().then(() => this.links.pump()), 'pullCatalog');
    });
  }

  /** Lets go of every document and the socket. */
  private teardown(): void {
    this.connected = false;
    this.ready = false;
    this.reconnectScheduled = false;
    this.knowledge.reset();
    this.uploads.reset();
    this.links.releaseAll();
    for (const timer of this.timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    this.timers.clear();
    this.control?.destroy();
    this.control = null;
    this.socket?.destroy();
    this.socket = null;
  }

  /** Starts over on a fresh socket after a pause (backoff with jitter). */
  private reconnectSoon(): void {
    if (this.reconnectScheduled) return;
    this.reconnectScheduled = true;
    const generation = this.generation;
    this.later(backoffDelay(2 + this.reconnectAttempt++), () => {
      this.reconnectScheduled = false;
      if (generation !== this.generation || this.closed) return;
      this.deps.log.info('sync: connecting again for documents the server could not serve');
      this.teardown();
      this.deps.hooks.changed();
      this.openSocket();
    });
  }

  /** The checks before any document is attached on a new connection. */
  private async refresh(generation: number): Promise<void> {
    const current = () => generation === this.generation && this.connected && !this.closed;
    try {
      const health = await this.api.health();
      const me = await this.api.me();
      if (!current()) return;
      const desksMoved = me.desks.join('\u0000') !== this.account.desks.join('\u0000');
      if (health.serverId !== this.account.serverId || me.role !== this.account.role || me.name !== this.account.name || desksMoved) {
        if (health.serverId !== this.account.serverId) {
          this.deps.log.warn('sync: the server has a new id (reset, or a different server); documents it does not know will be flagged');
          this.knowledge.checkAllAcknowledged();
        }
        this.account = { ...this.account, serverId: health.serverId, role: me.role, name: me.name, desks: me.desks };
        this.deps.hooks.accountChanged(this.account);
      }
      // Before the catalog: its tombstones are kept here as long as the server can restore them.
      this.deps.store.setPurgeRetentionDays(health.serverId, health.purgeRetentionDays);
      await this.knowledge.sendPurges();
      await this.knowledge.pullCatalog();
      if (!current()) return;
      for (const docId of this.deps.store.unsyncedDocIds()) this.links.want(docId, this.links.kindOf(docId));
      this.refreshAttempt = 0;
      this.problem = null;
      this.ready = true;
      this.deps.hooks.changed();
      this.links.pump();
      this.background(this.uploads.run(), 'media uploads');
    } catch (error) {
      if (!current()) return;
      if (error instanceof SyncApiError && error.failure === 'unauthorized') return this.failAccount(error.code);
      this.problem = { code: 'unreachable', message: `Sync is waiting for the server: ${(error as Error).message}` };
      this.deps.log.warn('sync: checks on connect failed; retrying', { error: (error as Error).message });
      this.deps.hooks.changed();
      this.later(backoffDelay(this.refreshAttempt++), () => this.background(this.refresh(generation), 'refresh'));
    }
  }

  private async checkAccount(): Promise<void> {
    try {
      await this.api.me();
    } catch (error) {
      if (error instanceof SyncApiError && error.failure === 'unauthorized') this.failAccount(error.code);
    }
  }

  private failAccount(code?: string): void {
    this.close();
    if (code === 'device_lost') {
      this.deps.log.warn('sync: the server refused the account token: this computer was reported lost');
      this.deps.hooks.deviceLost();
      return;
    }
    this.deps.log.warn('sync: the server refused the account token');
    this.deps.hooks.fatal({
      code: 'unauthorized',
      message: 'The sync server no longer accepts your access token (it was revoked, or the server was reset). Sign in again with a new token from newsroom IT.',
    });
  }

  /** The server's own messages on the control document (see DocLink.onStateless for why only the server's). */
  private onControlMessage(payload: string): void {
    let message;
    try {
      message = controlStatelessSchema.parse(JSON.parse(payload));
    } catch {
      return;
    }
    if (message.type === 'catalog' && this.ready && message.cursor > this.deps.store.cursor(this.serverId)) {
      this.background(this.knowledge.pullCatalog().then(() => this.links.pump()), 'pullCatalog');
    }
  }

  /**
   * Runs work nobody awaits. Its failure is logged, never left unhandled
   * (Node would end core for an unhandled rejection); what failed is retried
   * by the next connection's checks or its own backoff.
   */
  private background(work: Promise<unknown>, what: string): void {
    work.catch((error: unknown) => this.deps.log.warn(`sync: ${what} failed`, { error: (error as Error)?.message ?? String(error) }));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private every(ms: number, fn: () => void): void {
    const timer = setInterval(fn, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private libraryChanged(docId: string): void {
    const articleId = articleIdOf(docId);
    if (articleId) this.deps.hooks.libraryChanged([articleId]);
    this.deps.hooks.changed();
  }
}
