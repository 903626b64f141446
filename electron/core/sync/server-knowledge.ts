import { articleIdOf } from '../../../shared/documents/article-kind';
import type { CatalogItem } from '../../../shared/sync-protocol';
import { type ArticleService } from '../articles/article-service';
import type { DocStore } from '../docs/doc-store';
import type { DocKind } from '../../../shared/documents/doc-names';
import type { LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import { backoffDelay } from './backoff';
import { SyncApiError, type SyncServerApi } from './server-api';
import type { SyncStore } from './sync-store';

const CATALOG_PAGE = 500;
const DAY_MS = 24 * 3600 * 1000;
const LOOKUP_BATCH = 500;

export interface KnowledgeDeps {
  store: SyncStore;
  docs: DocStore;
  live: LiveDocs;
  articles: ArticleService;
  log: Logger;
  api(): SyncServerApi;
  serverId(): string;
  /** The document should sync (with the kind to create it as, if it is new here). */
  want(docId: string, kind: DocKind): void;
  /** Stop syncing it on this connection (gone, or waiting for the person's decision). */
  drop(docId: string): void;
  libraryChanged(docId: string): void;
  /** Lookups answered: documents waiting for them may be attached. */
  answered(): void;
  later(ms: number, fn: () => void): void;
}

/**
 * What the server knows, as far as this connection has seen: the catalog
 * read from the saved cursor, lookups for documents a server once stored,
 * tombstones, and the purges this computer owes the server. A document a
 * server once stored is synced only once the server confirmed it still has
 * it; one it does not know is flagged for the person (ADR 0043).
 */
export class ServerKnowledge {
  private readonly confirmed = new Set<string>();
  private readonly toLookUp = new Set<string>();
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private lookingUp = false;
  /** Bumped per connection: answers to an older connection's questions are dropped. */
  private epoch = 0;

  constructor(private readonly deps: KnowledgeDeps) {}

  /** A new connection: nothing is confirmed on it yet. */
  reset(): void {
    this.epoch++;
    this.confirmed.clear();
    this.toLookUp.clear();
  }

  knows(docId: string): boolean {
    return this.confirmed.has(docId);
  }

  askAbout(docId: string): void {
    this.confirmed.delete(docId);
    this.toLookUp.add(docId);
  }

  get questionsPending(): boolean {
    return this.toLookUp.size > 0;
  }

  get readingCatalog(): boolean {
    return this.pulling !== null;
  }

  /**
   * The server may have lost documents (a new id, or its catalog went back):
   * ask about every document a server ever stored, not only those with new
   * changes, so the person hears about all of them.
   */
  checkAllAcknowledged(): void {
    for (const docId of this.deps.store.acknowledgedDocIds()) this.toLookUp.add(docId);
  }

  /** Reads the catalog from the saved cursor to the end, a page at a time. */
  pullCatalog(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    const { store } = this.deps;
    const pull = async () => {
      do {
        this.pullAgain = false;
        for (;;) {
          const serverId = this.deps.serverId();
          const since = store.cursor(serverId);
          const page = await this.deps.api().catalog(since, CATALOG_PAGE);
          if (page.cursor < since) {
            // The server went back in time (restored from a backup): read it all again.
            this.deps.log.warn('sync: the server catalog went back; reading it again from the start');
            store.setCursor(serverId, 0);
            this.checkAllAcknowledged();
            continue;
          }
          for (const item of page.items) this.take(item);
          store.setCursor(serverId, page.cursor);
          if (page.items.length < CATALOG_PAGE) break;
        }
      } while (this.pullAgain);
      this.removeExpiredPurges();
    };
    this.pulling = pull().finally(() => {
      this.pulling = null;
    });
    return this.pulling;
  }

  /** Asks the server about documents it once stored, in batches. */
  async lookUp(): Promise<void> {
    if (this.lookingUp) return;
    this.lookingUp = true;
    const epoch = this.epoch;
    try {
      while (this.toLookUp.size > 0 && epoch === this.epoch) {
        const batch = [...this.toLookUp].slice(0, LOOKUP_BATCH);
        const items = await this.deps.api().lookup(batch);
        if (epoch !== this.epoch) return;
        const found = new Map(items.map((item) => [item.id, item]));
        for (const docId of batch) {
          this.toLookUp.delete(docId);
          const item = found.get(docId);
          if (item?.deleted) this.purged(item);
          else if (item) this.confirmed.add(docId);
          else {
            // Stored there once, unknown now: never merged silently into a reset server.
            this.deps.log.warn('sync: the server no longer knows a document it stored; asking the person', { docId });
            this.deps.drop(docId);
            this.deps.store.flag(docId);
            this.deps.libraryChanged(docId);
          }
        }
      }
    } catch (error) {
      this.deps.log.warn('sync: lookup failed; will retry', { error: (error as Error).message });
      this.deps.later(backoffDelay(2), () => void this.lookUp().catch(() => undefined));
    } finally {
      this.lookingUp = false;
    }
    this.deps.answered();
  }

  /** Sends the tombstones of stories purged here. */
  async sendPurges(): Promise<void> {
    for (const docId of this.deps.store.pendingPurges()) {
      try {
        await this.deps.api().purge(docId);
        this.deps.store.clearPurge(docId);
      } catch (error) {
        if (error instanceof SyncApiError && (error.failure === 'forbidden' || error.status === 400)) {
          // Only an admin purges on the server, and only a story in its trash
          // there (someone may have taken it out meanwhile): the story is gone here only.
          this.deps.store.clearPurge(docId);
          const articleId = articleIdOf(docId);
          if (this.deps.store.isKeptPurged(docId) && articleId) {
            // Kept for a restore, and the newsroom still has it: it comes back here too.
            this.deps.log.warn('sync: the server refused a purge; the story is back in the library', { docId, code: error.code });
            this.deps.store.releasePurged(docId);
            this.deps.articles.bringBack(articleId);
          } else {
            this.deps.log.warn('sync: the server refused a purge; the story is gone from this computer only', { docId, code: error.code });
          }
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * The newsroom purged a document: it leaves the library here too. A story
   * the server can still restore is set aside — its document and revisions
   * stay until the retention is over (ADR 0059); anything else goes now.
   */
  purged(item: CatalogItem): void {
    const { store, docs, articles, log } = this.deps;
    const docId = item.id;
    this.deps.drop(docId);
    store.clearPurge(docId);
    if (!docs.info(docId) || store.isKeptPurged(docId)) return;
    const articleId = articleIdOf(docId);
    // The tombstone's time is the server's purge time, on the server's clock.
    const purgedMs = Date.parse(item.updatedAt);
    if (articleId && Number.isFinite(purgedMs) && purgedMs >= this.restorableSince()) {
      log.info('sync: setting aside a story the newsroom purged, while it can be restored', { docId });
      store.keepPurged(docId, purgedMs);
      articles.setAside(articleId);
      return;
    }
    this.removeForGood(docId);
  }

  /** Stories set aside whose retention is over: the server can no longer bring them back, so they go. */
  removeExpiredPurges(): void {
    for (const docId of this.deps.store.expiredPurged(this.restorableSince())) this.removeForGood(docId);
  }

  /** The earliest purge the server can still undo, by the retention its /health gave. */
  private restorableSince(): number {
    return Date.now() - this.deps.store.purgeRetentionDays(this.deps.serverId()) * DAY_MS;
  }

  private removeForGood(docId: string): void {
    const { docs, live, articles, log } = this.deps;
    if (!docs.info(docId)) return;
    log.info('sync: removing a document the newsroom purged', { docId });
    const articleId = articleIdOf(docId);
    if (articleId) articles.discardPurged(articleId);
    else {
      live.unload(docId);
      docs.remove(docId);
    }
  }

  private take(item: CatalogItem): void {
    const { store, docs } = this.deps;
    const docId = item.id;
    this.confirmed.add(docId);
    if (item.deleted) return this.purged(item);
    if (store.isPurgePending(docId)) return;
    if (store.isKeptPurged(docId)) {
      // An admin restored it: back into the library, with its history, and synced again below.
      this.deps.log.info('sync: a purged story was restored; it is back', { docId });
      store.releasePurged(docId);
      const articleId = articleIdOf(docId);
      if (articleId) this.deps.articles.bringBack(articleId);
    }
    const info = docs.info(docId);
    if (info) {
      const state = store.state(docId);
      if (state?.localOnly) return;
      if (state?.flag) {
        // Someone uploaded it again: the server knows it, nothing to decide.
        store.clearFlag(docId);
        this.deps.libraryChanged(docId);
      }
      const haveIt = state?.serverId === this.deps.serverId() && state.storedVersion >= item.version && info.localChanges <= info.syncedChanges;
      if (!haveIt) this.deps.want(docId, info.kind);
      return;
    }
    const horizon = Date.now() - store.options().catalogDays * 24 * 3600 * 1000;
    if (Date.parse(item.updatedAt) >= horizon) this.deps.want(docId, item.kind);
  }
}
