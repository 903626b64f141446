import { articleDocName, articleIdOf } from '../../../shared/documents/article-kind';
import type { ResultOf } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { LedeError } from '../../../shared/errors';
import { storiesAndPhotos, type SyncStatus } from '../../../shared/sync-status';
import { docKindOf, type DocKind } from '../../../shared/documents/doc-names';
import type { UpdateRefusal } from '../../../shared/documents/document-kind';
import type { Actor } from '../../../shared/workflow/story-rules';
import { canPurge, canReadAuditTrail } from '../../../shared/accounts/roles';
import { AUDIT_PAGE_MAX, type AuditEntry } from '../../../shared/sync-protocol';
import { cleartextProblem } from '../../../shared/service-url';
import { isoWithOffset } from '../../../shared/time';
import { type ArticleService } from '../articles/article-service';
import type { DocStore } from '../docs/doc-store';
import { SYNC_ORIGIN, type LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import type { PresenceUser } from './doc-link';
import type { MediaBlobs } from './media-blobs';
import { rewriteBackups, type BackupPlace } from '../store/backup';
import { planRemoval, removeDocuments, type RemovalPlan } from './newsroom-removal';
import { offlineAuthorOf, rewriteAuthorName, tidySettledRewrites, type OfflineRewriteDeps } from './offline-rewrites';
import { presenceColor } from './presence-color';
import { SyncApiError, SyncServerApi } from './server-api';
import { SyncSession } from './sync-session';
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
/** Pages of a story's audit trail read at most (2,500 entries): the panel shows a story's people, not a data dump. */
const AUDIT_PAGES = 5;

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
    const problem = this.cleartextRefusal(account.serverUrl);
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
    const account = this.deps.store.account();
    const waiting = this.deps.store.waiting();
    const session = this.session;
    const syncing = session?.inFlight() ?? { stories: 0, photos: 0 };
    const waitingDocs = waiting.stories + waiting.photos;
    const base = {
      waitingStories: waiting.stories,
      waitingPhotos: waiting.photos,
      syncingStories: syncing.stories,
      syncingPhotos: syncing.photos,
      flagged: this.deps.store.flaggedCount(),
      account: account ? { name: account.name, role: account.role, desks: account.desks, serverUrl: account.serverUrl } : null,
      lastServerUrl: this.deps.store.lastServerUrl(),
      catalogDays: this.deps.store.options().catalogDays,
      lastSyncedAt: session?.lastSyncedMs ? isoWithOffset(session.lastSyncedMs) : null,
      refusals: this.deps.store.refusals(),
    };
    if (!account) return { ...base, state: 'signed_out', error: this.deps.store.notice() };
    if (this.fatal) return { ...base, state: 'error', error: this.fatal };
    if (!session || !session.isConnected) {
      return { ...base, state: session?.hasConnected ? 'offline' : 'connecting', error: session?.problem ?? null };
    }
    if (session.problem) return { ...base, state: 'error', error: session.problem };
    if (!session.idle()) return { ...base, state: 'syncing', error: null };
    if (waitingDocs > 0 && account.role === 'reader') {
      return {
        ...base,
        state: 'error',
        error: {
          code: 'forbidden',
          message: `Your account can read stories but not change them on the server; the changes to ${storiesAndPhotos(waiting.stories, waiting.photos)} stay on this computer.`,
        },
      };
    }
    const tooLarge = session.tooLargeStories();
    if (tooLarge) {
      const stories = tooLarge.count === 1 ? 'A story is' : `${tooLarge.count} stories are`;
      const limit = `${(tooLarge.limitBytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
      return {
        ...base,
        state: 'error',
        error: { code: 'too_large', message: `${stories} larger than the newsroom's limit of ${limit}: the changes stay on this computer. Shorten it to sync it.` },
      };
    }
    if (waitingDocs === 0 && base.flagged > 0) {
      // Not "Synced": some stories are on no server at all until the person decides.
      const stories = base.flagged === 1 ? '1 story is' : `${base.flagged} stories are`;
      return { ...base, state: 'error', error: { code: 'flagged', message: `${stories} no longer on the server. Review them in the library.` } };
    }
    return { ...base, state: waitingDocs > 0 ? 'syncing' : 'synced', error: null };
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

  /**
   * Who changed a story, from the server's audit trail: every page up to a
   * bound (a story's trail is a few entries per editing session), oldest first.
   */
  async auditTrail(articleId: string): Promise<ResultOf<'article.auditTrail'>> {
    const account = this.deps.store.account();
    if (!account) return { available: false, reason: 'signed_out', message: 'Sign in to the newsroom server to see who changed this story.' };
    if (!canReadAuditTrail(account.role)) {
      return { available: false, reason: 'not_allowed', message: 'Who changed what is shown to desk editors and administrators.' };
    }
    const api = new SyncServerApi(account.serverUrl, account.token);
    const entries: AuditEntry[] = [];
    let cursor: number | null = 0;
    try {
      for (let page = 0; page < AUDIT_PAGES && cursor !== null; page++) {
        const answer = await api.auditOfDocument(articleDocName(articleId), cursor, AUDIT_PAGE_MAX);
        entries.push(...answer.entries);
        cursor = answer.cursor;
      }
    } catch (error) {
      if (error instanceof SyncApiError && error.failure === 'forbidden') {
        return { available: false, reason: 'not_allowed', message: 'The newsroom server does not show this account who changed what.' };
      }
      this.deps.log.warn('sync: could not read the audit trail', { error: (error as Error).message });
      return { available: false, reason: 'unreachable', message: 'The newsroom server cannot be reached: who changed what shows when it is back.' };
    }
    return { available: true, capped: cursor !== null, entries: entries.map(({ account: name, at, kind, from, to }) => ({ account: name, at, kind, from, to })) };
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

  /**
   * Removes every document the plan names (ADR 0050): photo files first (a
   * crash after leaves documents without files, which the next removal
   * takes), then the rows in one transaction, then every kept backup is
   * rewritten without them. The caller checkpoints the WAL (TRUNCATE) last.
   */
  private async removeNewsroomData(): Promise<RemovalPlan> {
    this.removing = true;
    try {
      const { store, articles, live, media, log } = this.deps;
      const plan = store.removalPlan();
      for (const sha of plan.mediaShas) await media.remove(sha);
      const articleIds = plan.articleDocIds.map((docId) => articleIdOf(docId)).filter((id): id is string => id !== null);
      for (const id of articleIds) articles.forget(id);
      for (const docId of plan.docIds) if (!articleIdOf(docId)) live.unload(docId);
      store.removeDocuments(plan);
      // Read again from the beginning if this computer signs in again: the removed stories are wanted then.
      store.resetCursor();
      let backups = 0;
      if (this.deps.backups) {
        try {
          backups = rewriteBackups(this.deps.backups, (backup) => removeDocuments(backup, planRemoval(backup, plan.docIds)));
        } catch (error) {
          log.error('sync: could not remove the newsroom’s stories from the backups', { error });
        }
      }
      log.info('sync: removed the newsroom’s data from this computer', {
        stories: plan.articleDocIds.length,
        photos: plan.mediaShas.length,
        unsyncedChanges: plan.unsyncedChanges,
        backupsRewritten: backups,
      });
      articles.removed(articleIds);
      if (plan.mediaShas.length) this.deps.emitMediaChanged?.(plan.mediaShas);
      return plan;
    } finally {
      this.removing = false;
    }
  }

  /** The address normalized; refused when it would carry tokens unencrypted. */
  usableServerUrl(serverUrl: string): string {
    const url = normalizeServerUrl(serverUrl);
    const refusal = this.cleartextRefusal(url);
    if (refusal) throw new LedeError(refusal.code, refusal.message);
    return url;
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
      const json = JSON.stringify(status.state === 'signed_out' ? { ...status, waitingStories: 0, waitingPhotos: 0 } : status);
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
