import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { CONTROL_DOC, REFUSAL_REASONS, SYNC_SOCKET_PATH, serverStatelessSchema, type CatalogItem } from '../../../shared/sync-protocol';
import type { ApiError } from '../../../shared/errors';
import { articleIdOf, type ArticleService } from '../articles/article-service';
import type { DocKind, DocStore } from '../docs/doc-store';
import type { LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import { backoffDelay } from './backoff';
import { DocLink, type PresenceUser } from './doc-link';
import { GuardedWebSocket } from './guarded-websocket';
import type { MediaBlobs } from './media-blobs';
import { SyncApiError, SyncServerApi } from './server-api';
import type { SyncAccount, SyncStore } from './sync-store';

export interface SessionHooks {
  /** Something the status shows may have changed. */
  changed(): void;
  /** Library rows of these stories show a different sync badge. */
  libraryChanged(articleIds: string[]): void;
  presence(docId: string, people: PresenceUser[]): void;
  /** The server refused the account: sync stops until the person signs in again. */
  fatal(error: ApiError): void;
  /** The server's id or the account's role changed; remember it. */
  accountChanged(account: SyncAccount): void;
  isOpen(docId: string): boolean;
  user(): PresenceUser;
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
}

const CATALOG_PAGE = 500;
const PING_MS = 10_000;
const CATALOG_POLL_MS = 30_000;
/** A document attached this long without the server's answer is attached again. */
const STALLED_MS = 8000;
/**
 * Pause between letting a document go and attaching it again on the same
 * socket. Hocuspocus handles a socket's messages in order but settles a
 * document's "close" asynchronously: an attach in the same breath reaches
 * the old, closing connection and is lost.
 */
const REATTACH_PAUSE_MS = 400;
const LOOKUP_BATCH = 500;

/**
 * One signed-in sync session: a single WebSocket to the server that carries
 * every document (Hocuspocus multiplexes them), plus the HTTP calls beside it.
 *
 * On each connection the session first asks the server who it is (a new id
 * means a new or reset server), sends owed purges, reads the catalog from
 * its cursor and checks that the server still knows every document it once
 * stored; only then does it attach documents. When the connection drops,
 * every document is let go and the socket is made anew, so nothing is
 * pushed to a server before those checks ran again.
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
  private readonly links = new Map<string, DocLink>();
  /** Documents to sync, with their kind (a document not here yet is created with it). */
  private readonly wanted = new Map<string, DocKind>();
  /** Documents the server confirmed it knows, on this connection. */
  private readonly confirmed = new Set<string>();
  private readonly toLookUp = new Set<string>();
  private readonly mediaWaiting = new Map<string, Set<string>>();
  private readonly detachedAt = new Map<string, number>();
  private timers = new Set<NodeJS.Timeout>();
  private refreshAttempt = 0;
  private reconnectAttempt = 0;
  private reconnectScheduled = false;
  /** Documents that stalled once on this connection (a second stall means a new connection). */
  private readonly stalledOnce = new Set<string>();
  private catalogPulling: Promise<void> | null = null;
  private catalogAgain = false;
  private lookingUp = false;
  private mediaBusy = false;
  private mediaAttempt = 0;
  private pumpScheduled = false;
  private account: SyncAccount;
  private api: SyncServerApi;
  lastSyncedMs: number | null = null;
  problem: ApiError | null = null;

  constructor(private readonly deps: SessionDeps) {
    this.account = deps.account;
    this.api = new SyncServerApi(this.account.serverUrl, this.account.token);
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

  get serverId(): string {
    return this.account.serverId;
  }

  /** Stories being synced right now or queued (for "Syncing N"). */
  inFlight(): number {
    if (!this.connected) return 0;
    let busy = 0;
    for (const link of this.links.values()) if (!link.done) busy++;
    for (const docId of this.wanted.keys()) if (!this.links.has(docId)) busy++;
    return busy;
  }

  /** True when connected, checked, and nothing is queued or in flight. */
  idle(): boolean {
    return this.ready && this.inFlight() === 0 && this.deps.store.pendingMedia(this.serverId).length === 0 && !this.catalogPulling;
  }

  /** A change core committed (not one that came from the server). */
  localChange(docId: string, update: Uint8Array, kind: DocKind): void {
    const link = this.links.get(docId);
    if (link) {
      link.done = false;
      link.applyLocal(update);
      return;
    }
    this.want(docId, kind);
  }

  storyOpened(docId: string): void {
    const link = this.links.get(docId);
    if (link) link.setOpen(this.deps.hooks.user());
    else this.want(docId, 'article');
  }

  storyClosed(docId: string): void {
    const link = this.links.get(docId);
    if (!link) return;
    link.setOpen(null);
    if (link.done) this.detach(docId);
  }

  presence(docId: string): PresenceUser[] {
    return this.links.get(docId)?.people() ?? [];
  }

  /** A story was deleted for good here: stop syncing it and send its tombstone. */
  purgedLocally(docId: string): void {
    this.detach(docId);
    this.wanted.delete(docId);
    if (this.ready) this.background(this.sendPurges(), 'sendPurges');
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
      // A fresh socket: nothing queued on the old one (a late "close" for a
      // document) can reach the next connection.
      this.openSocket();
    });
    const control = new HocuspocusProvider({ websocketProvider: socket, name: CONTROL_DOC, token: this.account.token, awareness: null });
    control.on('stateless', ({ payload }: { payload: string }) => this.onControlMessage(payload));
    control.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (reason === REFUSAL_REASONS.unauthorized) this.background(this.checkAccount(), 'checkAccount');
    });
    control.attach();
    this.control = control;
    const ping = setInterval(() => {
      if (this.connected) control.sendStateless('ping');
    }, PING_MS);
    ping.unref();
    this.timers.add(ping);
    const watchdog = setInterval(() => this.recycleStalled(), STALLED_MS / 2);
    watchdog.unref();
    this.timers.add(watchdog);
    // Catalog notices can be missed (a reconnecting Redis, a dropped frame), and
    // a document can be let go unsynced (the server refused it for a while):
    // look again now and then.
    const poll = setInterval(() => {
      if (!this.ready) return;
      for (const docId of this.deps.store.unsyncedDocIds()) this.want(docId, this.kindOf(docId));
      this.background(this.pullCatalog().then(() => this.pump()), 'pullCatalog');
    }, CATALOG_POLL_MS);
    poll.unref();
    this.timers.add(poll);
  }

  /** Lets go of every document and the socket. */
  private teardown(): void {
    this.connected = false;
    this.ready = false;
    this.confirmed.clear();
    this.toLookUp.clear();
    this.detachedAt.clear();
    this.stalledOnce.clear();
    this.reconnectScheduled = false;
    for (const docId of [...this.links.keys()]) {
      const link = this.links.get(docId)!;
      this.links.delete(docId);
      // Still wanted: it syncs again on the next connection.
      if (!link.done || link.isOpen) this.wanted.set(docId, link.kind);
      link.destroy();
    }
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

  /** The checks before any document is attached on a new connection. */
  private async refresh(generation: number): Promise<void> {
    const current = () => generation === this.generation && this.connected && !this.closed;
    try {
      const health = await this.api.health();
      const me = await this.api.me();
      if (!current()) return;
      if (health.serverId !== this.account.serverId || me.role !== this.account.role || me.name !== this.account.name) {
        if (health.serverId !== this.account.serverId) {
          this.deps.log.warn('sync: the server has a new id (reset, or a different server); documents it does not know will be flagged', {});
          this.checkAllAcknowledged();
        }
        this.account = { ...this.account, serverId: health.serverId, role: me.role, name: me.name };
        this.deps.hooks.accountChanged(this.account);
      }
      await this.sendPurges();
      await this.pullCatalog();
      if (!current()) return;
      for (const docId of this.deps.store.unsyncedDocIds()) this.want(docId, this.kindOf(docId));
      this.refreshAttempt = 0;
      this.problem = null;
      this.ready = true;
      this.deps.hooks.changed();
      this.pump();
      this.background(this.runMedia(), 'runMedia');
    } catch (error) {
      if (!current()) return;
      if (error instanceof SyncApiError && error.failure === 'unauthorized') return this.failAccount(error);
      this.problem = { code: 'unreachable', message: `Sync is waiting for the server: ${(error as Error).message}` };
      this.deps.log.warn('sync: checks on connect failed; retrying', { error: (error as Error).message });
      this.deps.hooks.changed();
      this.later(backoffDelay(this.refreshAttempt++), () => this.background(this.refresh(generation), 'refresh'));
    }
  }

  /**
   * The server may have lost documents (a new id, or its catalog went back):
   * ask about every document a server ever stored, not only those with new
   * changes, so the person hears about all of them.
   */
  private checkAllAcknowledged(): void {
    for (const docId of this.deps.store.acknowledgedDocIds()) this.toLookUp.add(docId);
  }

  private async checkAccount(): Promise<void> {
    try {
      await this.api.me();
    } catch (error) {
      if (error instanceof SyncApiError && error.failure === 'unauthorized') this.failAccount(error);
    }
  }

  private failAccount(error: SyncApiError): void {
    this.deps.log.warn('sync: the server refused the account token', { status: error.status });
    this.close();
    this.deps.hooks.fatal({
      code: 'unauthorized',
      message: 'The sync server no longer accepts your access token (it was revoked, or the server was reset). Sign in again with a new token from newsroom IT.',
    });
  }

  private onControlMessage(payload: string): void {
    this.deps.log.debug('sync: control message', { payload, ready: this.ready });
    let message;
    try {
      message = serverStatelessSchema.parse(JSON.parse(payload));
    } catch {
      return;
    }
    if (message.type === 'catalog' && this.ready && message.cursor > this.deps.store.cursor(this.serverId)) this.background(this.pullCatalog().then(() => this.pump()), 'pullCatalog');
  }

  /** Reads the catalog from the saved cursor to the end, a page at a time. */
  private pullCatalog(): Promise<void> {
    if (this.catalogPulling) {
      this.catalogAgain = true;
      return this.catalogPulling;
    }
    const pull = async () => {
      do {
        this.catalogAgain = false;
        for (;;) {
          const since = this.deps.store.cursor(this.serverId);
          const page = await this.api.catalog(since, CATALOG_PAGE);
          if (page.cursor < since) {
            // The server went back in time (restored from a backup): read it all again.
            this.deps.log.warn('sync: the server catalog went back; reading it again from the start');
            this.deps.store.setCursor(this.serverId, 0);
            this.checkAllAcknowledged();
            continue;
          }
          for (const item of page.items) this.takeCatalogItem(item);
          this.deps.store.setCursor(this.serverId, page.cursor);
          if (page.items.length < CATALOG_PAGE) break;
        }
      } while (this.catalogAgain);
    };
    this.catalogPulling = pull()
      .catch((error: unknown) => {
        this.deps.log.warn('sync: could not read the catalog', { error: (error as Error).message });
        throw error;
      })
      .finally(() => {
        this.catalogPulling = null;
      });
    return this.catalogPulling;
  }

  private takeCatalogItem(item: CatalogItem): void {
    const docId = item.id;
    this.deps.log.debug('sync: catalog item', { docId, version: item.version, deleted: item.deleted });
    this.confirmed.add(docId);
    if (item.deleted) return this.discardPurged(docId);
    if (this.deps.store.isPurgePending(docId)) return;
    const info = this.deps.docs.info(docId);
    if (info) {
      const state = this.deps.store.state(docId);
      if (state?.localOnly) return;
      if (state?.flag) {
        // Someone uploaded it again: the server knows it, nothing to decide.
        this.deps.store.clearFlag(docId);
        this.libraryChanged(docId);
      }
      const haveIt = state?.serverId === this.serverId && state.storedVersion >= item.version && info.localChanges <= info.syncedChanges;
      if (!haveIt) this.want(docId, info.kind);
      return;
    }
    const horizon = Date.now() - this.deps.store.options().catalogDays * 24 * 3600 * 1000;
    if (Date.parse(item.updatedAt) >= horizon) this.want(docId, item.kind);
  }

  /** The newsroom purged a document: it goes here too. */
  private discardPurged(docId: string): void {
    this.detach(docId);
    this.wanted.delete(docId);
    this.deps.store.clearPurge(docId);
    if (!this.deps.docs.info(docId)) return;
    this.deps.log.info('sync: removing a document the newsroom purged', { docId });
    const articleId = articleIdOf(docId);
    if (articleId) this.deps.articles.discardPurged(articleId);
    else {
      this.deps.live.unload(docId);
      this.deps.docs.remove(docId);
    }
  }

  private async sendPurges(): Promise<void> {
    for (const docId of this.deps.store.pendingPurges()) {
      try {
        await this.api.purge(docId);
        this.deps.store.clearPurge(docId);
      } catch (error) {
        if (error instanceof SyncApiError && error.failure === 'forbidden') {
          // A reader cannot purge on the server: the story is gone here only.
          this.deps.log.warn('sync: the server refused a purge (read-only account)', { docId });
          this.deps.store.clearPurge(docId);
          continue;
        }
        throw error;
      }
    }
  }

  /** Syncs a document on this connection (or the next). */
  queue(docId: string, kind: DocKind): void {
    this.want(docId, kind);
  }

  private want(docId: string, kind: DocKind): void {
    if (this.links.has(docId)) return;
    this.wanted.set(docId, kind);
    this.schedulePump();
  }

  private kindOf(docId: string): DocKind {
    return this.deps.docs.info(docId)?.kind ?? (docId.startsWith('media:') ? 'media' : 'article');
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Attaches wanted documents, a bounded number at a time (open stories always). */
  private pump(): void {
    if (!this.ready || !this.socket) return;
    let background = 0;
    for (const link of this.links.values()) if (!link.isOpen) background++;
    const now = Date.now();
    let pauseUntil = 0;
    for (const [docId, kind] of this.wanted) {
      if (this.links.has(docId)) {
        this.wanted.delete(docId);
        continue;
      }
      const detached = this.detachedAt.get(docId);
      if (detached !== undefined) {
        if (now - detached < REATTACH_PAUSE_MS) {
          pauseUntil = Math.max(pauseUntil, detached + REATTACH_PAUSE_MS);
          continue;
        }
        this.detachedAt.delete(docId);
      }
      const open = this.deps.hooks.isOpen(docId);
      if (!open && background >= this.deps.backgroundLinks) continue;
      const state = this.deps.store.state(docId);
      if (state?.localOnly || state?.flag || this.deps.store.isPurgePending(docId)) {
        this.wanted.delete(docId);
        continue;
      }
      // Stored on a server once: only sync it if this server still knows it.
      if (state?.serverId && !this.confirmed.has(docId)) {
        this.toLookUp.add(docId);
        continue;
      }
      this.wanted.delete(docId);
      this.attach(docId, kind);
      if (!open) background++;
    }
    if (this.toLookUp.size > 0) this.background(this.lookUp(), 'lookUp');
    if (pauseUntil > 0) this.later(pauseUntil - now + 5, () => this.pump());
    this.deps.hooks.changed();
  }

  /** Asks the server whether it still knows documents it once stored. */
  private async lookUp(): Promise<void> {
    if (this.lookingUp) return;
    this.lookingUp = true;
    const generation = this.generation;
    try {
      while (this.toLookUp.size > 0 && generation === this.generation) {
        const batch = [...this.toLookUp].slice(0, LOOKUP_BATCH);
        const items = await this.api.lookup(batch);
        if (generation !== this.generation) return;
        const found = new Map(items.map((item) => [item.id, item]));
        for (const docId of batch) {
          this.toLookUp.delete(docId);
          const item = found.get(docId);
          if (item?.deleted) this.discardPurged(docId);
          else if (item) this.confirmed.add(docId);
          else {
            // Stored there once, unknown now: never merged silently into a reset server.
            this.deps.log.warn('sync: the server no longer knows a document it stored; asking the person', { docId });
            this.wanted.delete(docId);
            this.deps.store.flag(docId);
            this.libraryChanged(docId);
          }
        }
      }
    } catch (error) {
      this.deps.log.warn('sync: lookup failed; will retry', { error: (error as Error).message });
      this.later(backoffDelay(2), () => this.background(this.lookUp(), 'lookUp'));
    } finally {
      this.lookingUp = false;
    }
    this.pump();
  }

  private attach(docId: string, kind: DocKind): void {
    const { live, docs } = this.deps;
    this.deps.log.debug('sync: attach', { docId });
    const initial = live.isLoaded(docId) ? Y.encodeStateAsUpdate(live.get(docId)) : docs.encodeState(docId);
    const link = new DocLink(docId, kind, initial, this.socket!, this.account.token, {
      remote: (id, update) => this.onRemote(id, kind, update),
      synced: (id) => this.evaluate(id),
      stored: (id) => this.evaluate(id),
      refused: (id, reason) => this.onRefused(id, reason),
      presence: (id, people) => this.deps.hooks.presence(id, people),
    });
    if (this.deps.hooks.isOpen(docId)) link.setOpen(this.deps.hooks.user());
    this.links.set(docId, link);
  }

  private detach(docId: string): void {
    const link = this.links.get(docId);
    if (!link) return;
    this.deps.log.debug('sync: detach', { docId, done: link.done });
    this.links.delete(docId);
    link.destroy();
    this.detachedAt.set(docId, Date.now());
    if (this.detachedAt.size > 5000) this.forgetOldDetaches();
    this.schedulePump();
  }

  /**
   * A document the server never answered for (its attach was lost, e.g. the
   * server was busy closing the previous one) is let go and attached again.
   */
  private recycleStalled(): void {
    if (!this.ready) return;
    const now = Date.now();
    for (const link of [...this.links.values()]) {
      if (!link.stalled(now, STALLED_MS)) continue;
      this.detach(link.docId);
      if (this.stalledOnce.has(link.docId)) {
        this.deps.log.warn('sync: a document got no answer twice; connecting again', { docId: link.docId });
        this.wanted.set(link.docId, link.kind);
        this.reconnectSoon();
        continue;
      }
      this.stalledOnce.add(link.docId);
      this.deps.log.warn('sync: a document got no answer from the server; attaching it again', { docId: link.docId });
      this.later(250, () => this.want(link.docId, link.kind));
    }
  }

  private forgetOldDetaches(): void {
    const now = Date.now();
    for (const [docId, at] of this.detachedAt) if (now - at >= REATTACH_PAUSE_MS) this.detachedAt.delete(docId);
  }

  private onRemote(docId: string, kind: DocKind, update: Uint8Array): void {
    try {
      this.deps.live.applyRemote(docId, kind, update);
    } catch (error) {
      // The wire copy now holds what the disk does not: start this document over.
      this.deps.log.error('sync: could not store a change from the server; will retry', { docId, error });
      this.detach(docId);
      this.later(1000, () => this.want(docId, kind));
    }
  }

  private onRefused(docId: string, reason: string): void {
    this.deps.log.warn('sync: the server refused a document', { docId, reason });
    this.detach(docId);
    if (reason === REFUSAL_REASONS.deleted) {
      this.confirmed.delete(docId);
      this.toLookUp.add(docId);
      this.background(this.lookUp(), 'lookUp');
    } else if (reason === REFUSAL_REASONS.unauthorized) {
      this.background(this.checkAccount(), 'checkAccount');
    } else if (reason !== REFUSAL_REASONS.badName) {
      // The server could not serve it now (its database, say): try again
      // later, on a new connection — Hocuspocus does not let a socket open a
      // document again after refusing it.
      this.wanted.set(docId, this.kindOf(docId));
      this.reconnectSoon();
    }
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

  /**
   * Synced means stored: the server's stored snapshot (state vector and
   * delete set) must contain every local change, deletions included, and the
   * story's photos must be on the server.
   */
  private evaluate(docId: string): void {
    const link = this.links.get(docId);
    if (!link || !link.synced || link.done) return;
    if (this.account.role === 'reader') return this.finish(link);
    if (!link.storedSnapshot) return;
    const local = Y.encodeStateAsUpdate(link.mirror);
    if (!Y.snapshotContainsUpdate(Y.decodeSnapshot(link.storedSnapshot), local)) return;
    const missing = this.deps.media
      .referencedBy(docId, link.mirror)
      .filter((sha) => this.deps.media.has(sha) && !this.deps.store.mediaUploaded(sha, this.serverId));
    if (missing.length > 0) {
      for (const sha of missing) {
        this.deps.store.queueMedia(sha, this.serverId);
        let waiting = this.mediaWaiting.get(sha);
        if (!waiting) this.mediaWaiting.set(sha, (waiting = new Set()));
        waiting.add(docId);
      }
      this.background(this.runMedia(), 'runMedia');
      return;
    }
    const info = this.deps.docs.info(docId);
    if (info) {
      const before = info.localChanges > info.syncedChanges;
      this.deps.store.markSynced(docId, this.serverId, link.storedVersion, link.storedSnapshot, info.localChanges);
      this.lastSyncedMs = Date.now();
      if (before) this.libraryChanged(docId);
    }
    this.finish(link);
  }

  private finish(link: DocLink): void {
    link.done = true;
    this.reconnectAttempt = 0;
    if (!link.isOpen) this.detach(link.docId);
    this.deps.hooks.changed();
  }

  /** Uploads waiting photos, one at a time, with backoff when the server is away. */
  private async runMedia(): Promise<void> {
    if (this.mediaBusy || !this.ready) return;
    this.mediaBusy = true;
    const generation = this.generation;
    const tried = new Set<string>();
    try {
      for (;;) {
        // Files queued while this runs are picked up on the next round.
        const next = this.deps.store.pendingMedia(this.serverId).filter((sha) => !tried.has(sha) && this.deps.media.has(sha));
        if (next.length === 0 || generation !== this.generation) return;
        for (const sha of next) {
          tried.add(sha);
          if (generation !== this.generation) return;
          try {
            if (!(await this.api.hasMedia(sha))) await this.api.putMedia(sha, await this.deps.media.read(sha));
            this.deps.store.mediaDone(sha, this.serverId);
            this.mediaAttempt = 0;
            for (const docId of this.mediaWaiting.get(sha) ?? []) this.evaluate(docId);
            this.mediaWaiting.delete(sha);
          } catch (error) {
            const attempts = this.deps.store.mediaFailed(sha, this.serverId, (error as Error).message);
            this.deps.log.warn('sync: a photo upload failed; will retry', { sha, attempts, error: (error as Error).message });
            this.later(backoffDelay(this.mediaAttempt++), () => this.background(this.runMedia(), 'runMedia'));
            return;
          }
        }
      }
    } finally {
      this.mediaBusy = false;
      this.deps.hooks.changed();
    }
  }

  private libraryChanged(docId: string): void {
    const articleId = articleIdOf(docId);
    if (articleId) this.deps.hooks.libraryChanged([articleId]);
    this.deps.hooks.changed();
  }
}
