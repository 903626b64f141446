import { articleDocName, articleIdOf } from '../../../shared/documents/article-kind';
import type { ResultOf } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { LedeError } from '../../../shared/errors';
import type { SyncStatus } from '../../../shared/sync-status';
import { docKindOf, type DocKind } from '../../../shared/documents/doc-names';
import type { UpdateRefusal } from '../../../shared/documents/document-kind';
import type { Actor } from '../../../shared/workflow/story-rules';
import { canPurge } from '../../../shared/accounts/roles';
import { isoWithOffset } from '../../../shared/time';
import { type ArticleService } from '../articles/article-service';
import type { DocStore } from '../docs/doc-store';
import { SYNC_ORIGIN, type LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import type { PresenceUser } from './doc-link';
import type { MediaBlobs } from './media-blobs';
import type { BackupPlace } from '../store/backup';
import { removeNewsroomData } from './newsroom-data-removal';
import { offlineAuthorOf, rewriteAuthorName, tidySettledRewrites, type OfflineRewriteDeps } from './offline-rewrites';
import { presenceColor } from './presence-color';
import { readAuditTrail } from './audit-trail-reader';
import { SyncApiError, SyncServerApi } from './server-api';
import { cleartextRefusal, usableServerUrl } from './server-address';
import { SyncSession } from './sync-session';
import { syncStatusNow } from './sync-status-now';
import { SsoSignIn } from './sso-sign-in';
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
  /** Photo rows that changed (removed with the newsroom's data). */
  emitMediaChanged?(sha256s: string[]): void;
  /** The library's kept backups (and their key), rewritten when the newsroom's data is removed. */
  backups?: BackupPlace;
  /** Hosts the machine policy lets Lede reach over plain http:// (test networks only). */
  insecureHosts?(): readonly string[];
  backgroundLinks?: number;
  tooLargeRetryMs?: number;
  /** The local profile's name: who offline rewrites are noted as when no account is signed in (ADR 0061). */
  profileName?(): string;
}

const STATUS_THROTTLE_MS = 150;

export const DEVICE_LOST_MESSAGE = 'This computer was reported lost: the newsroom’s stories were removed from it. Stories never synced stay.';

export interface SignOutOptions {
  /** Remove every document this computer got from or stored on a sync server (ADR 0050). */
  removeNewsroomData?: boolean;
  /** The person accepts losing changes no server has stored. Without it, removal with such changes is refused. */
  confirmUnsyncedLoss?: boolean;
}

/** What removing the newsroom's data would take, for the sign-out dialog. */
export type RemovalPreview = ResultOf<'sync.removalPreview'>;

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
  private removing = false;
  private readonly rewriteDeps: OfflineRewriteDeps;
  /** Signing in through the newsroom's provider instead of with a typed token (ADR 0058). */
  readonly sso: SsoSignIn;

  constructor(private readonly deps: SyncClientDeps) {
    this.rewriteDeps = { store: deps.store, session: () => this.session, profileName: () => deps.profileName?.() ?? '' };
    this.sso = new SsoSignIn({ usableServerUrl: (url) => this.usableServerUrl(url), signIn: (url, token) => this.signIn(url, token), log: deps.log });
    deps.live.onStored((change) => {
      if (change.origin === SYNC_ORIGIN) return;
      const kind = docKindOf(change.docId);
      if (!kind) return;
      this.session?.localChange(change.docId, change.update, kind);
      this.changed();
    });
    deps.articles.onPurge((docName) => {
      deps.store.recordPurge(docName);
      // An admin's purge the server will keep restorable: kept here as long, like a tombstone from the server.
      const account = deps.store.account();
      if (account && canPurge(account.role) && deps.store.purgeRetentionDays(account.serverId) > 0) deps.store.keepPurged(docName, Date.now());
      // After the purge's transaction has committed.
      setImmediate(() => this.session?.purgedLocally(docName));
    });
    // Offline rewrites of short fields are noted in the document, for the server to judge (ADR 0061).
    deps.live.noteOfflineRewrites((docId) => offlineAuthorOf(this.rewriteDeps, docId));
    // Stories the newsroom purged stay on disk while the server can restore them, never in the library (ADR 0059).
    deps.articles.withhold((docName) => deps.store.isKeptPurged(docName));
  }

  /** Resumes syncing with the saved account, if any. */
  start(): void {
    const account = this.deps.store.account();
    if (!account) return;
    // An account kept from before the rule (or before the policy changed) is not used in clear either.
    const problem = cleartextRefusal(account.serverUrl, this.deps.insecureHosts?.() ?? []);
    if (problem) {
      this.fatal = problem;
      this.deps.log.warn('sync: the saved server address is not encrypted; not connecting');
      return;
    }
    this.startSession();
  }

  /** The signed-in account as the newsroom's rules see it (its role and desks), or null while signed out. */
  actingAccount(): Actor | null {
    const account = this.deps.store.account();
    return account ? { role: account.role, desks: account.desks } : null;
  }

  status(): SyncStatus {
    return syncStatusNow(this.deps.store, this.session, this.fatal);
  }

  /**
   * Checks the address (it must answer /health like a Lede server) and the
   * token (an authenticated call), then keeps both and starts syncing.
   */
  async signIn(serverUrl: string, token: string): Promise<SyncStatus> {
    const url = this.usableServerUrl(serverUrl);
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
      if (error instanceof SyncApiError && error.code === 'device_lost') {
        throw new LedeError('unauthorized', 'This token was revoked because its computer was reported lost. Ask newsroom IT for a new one.');
      }
      if (error instanceof SyncApiError && error.failure === 'unauthorized') {
        throw new LedeError('unauthorized', 'The server did not accept this token. Check it was copied whole, or ask newsroom IT for a new one.');
      }
      throw new LedeError('unreachable', `The sync server at ${url} could not check the token: ${(error as Error).message}`);
    }
    this.stopSession();
    this.fatal = null;
    const previous = this.deps.store.account();
    if (previous && previous.serverUrl !== url) this.deps.store.resetCursor();
    const account: SyncAccount = { serverUrl: url, token, name: me.name, role: me.role, desks: me.desks, serverId: previous?.serverUrl === url ? previous.serverId : serverId };
    this.deps.store.setAccount(account);
    this.deps.store.setNotice(null);
    this.deps.accountSignedIn({ name: me.name });
    this.deps.log.info('sync: signed in', { server: url, role: me.role });
    this.startSession();
    return this.status();
  }

  /**
   * Stops syncing and forgets the token. Everything on this computer stays,
   * unless `removeNewsroomData`: then every document a server stored or sent
   * goes too (refused with `unsynced_changes` while some of them hold
   * changes no server stored, unless `confirmUnsyncedLoss`).
   */
  async signOut(options: SignOutOptions = {}): Promise<SyncStatus> {
    if (this.removing) throw new LedeError('transition_refused', 'Lede is already removing the newsroom’s stories from this computer.');
    if (options.removeNewsroomData) {
      const plan = this.deps.store.removalPlan();
      if (plan.unsyncedChanges > 0 && !options.confirmUnsyncedLoss) {
        const changes = `${plan.unsyncedChanges.toLocaleString('en')} ${plan.unsyncedChanges === 1 ? 'change' : 'changes'}`;
        const stories = `${plan.unsyncedDocuments.toLocaleString('en')} ${plan.unsyncedDocuments === 1 ? 'story or photo' : 'stories or photos'}`;
        throw new LedeError(
          'unsynced_changes',
          `${changes} in ${stories} have not reached the server. Removing the newsroom’s stories would lose them: sync first, or confirm that they may be lost.`,
        );
      }
      this.stopSession();
      this.fatal = null;
      await this.removeNewsroomData();
    } else {
      this.stopSession();
      this.fatal = null;
    }
    this.deps.store.setAccount(null);
    this.deps.store.setNotice(null);
    // Last: the removal's pages (and the account row) go from the WAL into the file, and the WAL is emptied.
    if (options.removeNewsroomData) this.deps.store.checkpoint();
    this.deps.log.info('sync: signed out', { removedNewsroomData: Boolean(options.removeNewsroomData) });
    this.changed();
    return this.status();
  }

  /** What `signOut({ removeNewsroomData: true })` would remove now. */
  removalPreview(): RemovalPreview {
    const plan = this.deps.store.removalPlan();
    return {
      stories: plan.articleDocIds.length,
      photos: plan.mediaShas.length,
      keptStories: plan.keptStories,
      unsyncedChanges: plan.unsyncedChanges,
      unsyncedStories: plan.unsyncedDocuments,
    };
  }

  /** The person read the notice (the computer was reported lost). */
  dismissNotice(): SyncStatus {
    this.deps.store.setNotice(null);
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
    return this.session?.presence(articleDocName(articleId)) ?? [];
  }

  storyOpened(articleId: string): void {
    this.session?.storyOpened(articleDocName(articleId));
  }

  storyClosed(articleId: string): void {
    this.session?.storyClosed(articleDocName(articleId));
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

  /** Who changed a story, from the server's audit trail (ADR 0059). */
  auditTrail(articleId: string): Promise<ResultOf<'article.auditTrail'>> {
    return readAuditTrail(this.deps.store.account(), articleId, this.deps.log);
  }

  /** True when signed in, connected and nothing is waiting (tests and benchmarks wait for it). */
  isSettled(): boolean {
    return this.status().state === 'synced';
  }

  close(): void {
    this.closed = true;
    this.sso.cancel();
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
      tooLargeRetryMs: this.deps.tooLargeRetryMs ?? 60_000,
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
        deviceLost: () => {
          if (this.session !== session) return;
          this.session = null;
          void this.deviceLost();
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
        undoRefused: (docId, kind, refusal) => this.undoRefused(docId, kind, refusal),
        tidyStored: (docId, kind, state) => tidySettledRewrites(this.deps.live, this.deps.log, docId, kind, state, rewriteAuthorName(this.rewriteDeps)),
      },
    });
    this.session = session;
    session.start();
    this.changed();
  }

  /**
   * A change of this computer's broke the newsroom's rules (the server said
   * which values it holds): those are written back to the story here, as an
   * ordinary change, and the person is told in words. A refusal with nothing
   * to write back (the server lacked something the change built on) is just
   * sent again.
   */
  private undoRefused(docId: string, kind: DocKind, refusal: UpdateRefusal): void {
    if (Object.keys(refusal.restore).length === 0) return;
    const articleId = kind === 'article' ? articleIdOf(docId) : null;
    let headline = '';
    if (articleId && this.deps.docs.info(docId)) {
      headline = this.deps.articles.restoreGuarded(articleId, refusal.restore);
      this.deps.emitLibraryChanged([articleId]);
    }
    this.deps.store.addRefusal({ docId, articleId, headline, message: refusal.message, at: isoWithOffset(Date.now()) });
    this.changed();
  }

  /** The person read a refusal (or all of them). */
  dismissRefusal(docId: string | null): SyncStatus {
    this.deps.store.dismissRefusal(docId);
    this.changed();
    return this.status();
  }

  /**
   * The server says this computer was reported lost: remove the newsroom's
   * data (changes not on the server included: the computer is not in its
   * owner's hands), then the token, and say so. In that order: interrupted,
   * the token is still there, the next connection is refused the same way
   * and the removal runs again.
   */
  private async deviceLost(): Promise<void> {
    if (this.removing) return;
    this.deps.log.warn('sync: the server reports this computer lost; removing the newsroom’s data');
    this.stopSession();
    try {
      this.deps.store.setNotice({ code: 'device_lost', message: DEVICE_LOST_MESSAGE });
      await this.removeNewsroomData();
      this.deps.store.setAccount(null);
      this.deps.store.checkpoint();
      this.fatal = null;
    } catch (error) {
      this.deps.log.error('sync: could not remove the newsroom’s data from a lost computer', { error });
      this.fatal = { code: 'device_lost', message: 'This computer was reported lost, but Lede could not remove the newsroom’s stories from it. Quit and start Lede again to retry.' };
    }
    this.changed();
  }

  /** Removes the newsroom's data from this computer (ADR 0050); one removal at a time. */
  private async removeNewsroomData(): Promise<void> {
    this.removing = true;
    try {
      await removeNewsroomData(this.deps);
    } finally {
      this.removing = false;
    }
  }

  /** The address normalized; refused when it would carry tokens unencrypted. */
  usableServerUrl(serverUrl: string): string {
    return usableServerUrl(serverUrl, this.deps.insecureHosts?.() ?? []);
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
      const json = JSON.stringify(status.state === 'signed_out' ? { ...status, waitingStories: 0, waitingPhotos: 0 } : status);
      if (json === this.lastStatusJson) return;
      this.lastStatusJson = json;
      this.deps.emitStatus(status);
    }, STATUS_THROTTLE_MS);
    this.statusTimer.unref();
  }
}
