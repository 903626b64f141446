import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { UpdateRefusal } from '../../../shared/documents/document-kind';
import { REFUSAL_REASONS } from '../../../shared/sync-protocol';
import type { DocStore } from '../docs/doc-store';
import { docKindOf, type DocKind } from '../../../shared/documents/doc-names';
import type { LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import { DocLink, type PresenceUser } from './doc-link';
import type { MediaUploads } from './media-uploads';
import type { ServerKnowledge } from './server-knowledge';
import type { SyncStore } from './sync-store';

/**
 * A document whose changes the server refused this many times in a row on
 * one connection is left until the next: writing back what the server holds
 * should end a refusal at once, so a loop means something else is wrong.
 */
const MAX_REFUSALS_IN_A_ROW = 3;

/** A document attached this long without the server's answer is attached again. */
const STALLED_MS = 8000;
/**
 * Pause between letting a document go and attaching it again on the same
 * socket. Hocuspocus handles a socket's messages in order but settles a
 * document's "close" asynchronously: an attach in the same breath reaches
 * the old, closing connection and is lost.
 */
const REATTACH_PAUSE_MS = 400;
/**
 * A story this computer had, synced because someone elsewhere changed it,
 * stays attached this long after the last change the server sent (ADR 0069):
 * someone is typing into it, and letting go would mean attaching it again
 * for their next word, which costs the whole story each time (the state
 * read from disk, into the wire copy, encoded to compare with what the
 * server stored) where staying attached costs only each change.
 */
const LINGER_MS = 60_000;

/** Documents on their way to the server, by kind. */
export interface InFlight {
  stories: number;
  photos: number;
}

export interface DocLinksDeps {
  store: SyncStore;
  docs: DocStore;
  live: LiveDocs;
  log: Logger;
  knowledge: ServerKnowledge;
  uploads: MediaUploads;
  /** Documents synced at once in the background (open stories come on top). */
  backgroundLinks: number;
  /**
   * A story the server refused as too large is tried again only after it
   * changed here, and not sooner than this: each try sends the whole story.
   */
  tooLargeRetryMs: number;
  connection(): { socket: HocuspocusProviderWebsocket; token: string; serverId: string; readOnly: boolean } | null;
  isOpen(docId: string): boolean;
  user(): PresenceUser;
  presence(docId: string, people: PresenceUser[]): void;
  changed(): void;
  /** A document got synced: the connection works. */
  progressed(): void;
  libraryChanged(docId: string): void;
  /** Writes back what the server holds of a change it refused, and tells the person. */
  undoRefused(docId: string, kind: DocKind, refusal: UpdateRefusal): void;
  /**
   * The server stored everything local of a document (so it judged this
   * laptop's offline rewrites): core may tidy what that settled. True when
   * that made a change, which then has to be stored in its turn.
   */
  tidyStored(docId: string, kind: DocKind, state: Y.Doc): boolean;
  later(ms: number, fn: () => void): void;
  background(work: Promise<unknown>, what: string): void;
  /** Start over on a new connection (the server refused or ignored a document on this one). */
  reconnect(): void;
  checkAccount(): void;
}

/**
 * The documents being synced on the current connection: which are wanted,
 * which are attached, when each counts as stored. A bounded number are
 * attached in the background; stories open in a window always are.
 */
export class DocLinks {
  private readonly links = new Map<string, DocLink>();
  /** Documents to sync, with their kind (a document not here yet is created with it). */
  private readonly wanted = new Map<string, DocKind>();
  private readonly detachedAt = new Map<string, number>();
  /** Documents that stalled once on this connection (a second stall means a new connection). */
  private readonly stalledOnce = new Set<string>();
  /** Documents the server refused as past its size limit: the limit, when, and the local change count then. */
  private readonly tooLarge = new Map<string, { limitBytes: number; at: number; localChanges: number }>();
  /** Refused changes per document since it last synced, on this connection. */
  private readonly refusals = new Map<string, number>();
  /** Finished, not open here, kept attached while edited elsewhere (LINGER_MS), by docId. */
  private readonly lingering = new Set<string>();
  private pumpScheduled = false;
  lastSyncedMs: number | null = null;

  constructor(private readonly deps: DocLinksDeps) {}

  /** Stories and photos being synced right now or queued, counted apart (for "Syncing 4 stories and 109 photos…"). */
  inFlight(): InFlight {
    const busy: InFlight = { stories: 0, photos: 0 };
    const add = (kind: DocKind) => (kind === 'media' ? busy.photos++ : busy.stories++);
    for (const link of this.links.values()) if (!link.done) add(link.kind);
    for (const [docId, kind] of this.wanted) if (!this.links.has(docId) && !this.tooLarge.has(docId)) add(kind);
    return busy;
  }

  /** Stories the server refused as larger than its limit, and that limit (the smallest seen). */
  tooLargeStories(): { count: number; limitBytes: number } | null {
    if (this.tooLarge.size === 0) return null;
    return { count: this.tooLarge.size, limitBytes: Math.min(...[...this.tooLarge.values()].map((entry) => entry.limitBytes)) };
  }

  want(docId: string, kind: DocKind): void {
    if (this.links.has(docId)) return;
    this.wanted.set(docId, kind);
    this.schedulePump();
  }

  /** Stop syncing a document (purged, or waiting for the person's decision). */
  drop(docId: string): void {
    this.detach(docId);
    this.wanted.delete(docId);
  }

  localChange(docId: string, update: Uint8Array, kind: DocKind): void {
    const link = this.links.get(docId);
    if (!link) return this.want(docId, kind);
    // Unfinished again: it stays until the server stored this (then finish decides anew).
    this.lingering.delete(docId);
    link.done = false;
    link.applyLocal(update);
  }

  opened(docId: string): void {
    const link = this.links.get(docId);
    this.lingering.delete(docId);
    if (link) link.setOpen(this.deps.user());
    else this.want(docId, 'article');
  }

  closed(docId: string): void {
    const link = this.links.get(docId);
    if (!link) return;
    link.setOpen(null);
    if (link.done) this.detach(docId);
  }

  /**
   * Whether a local edit of this document now is made live with the server
   * (ADR 0061): its link has the server's state. Without a link, the
   * document is live when nothing local waits for the server (it was
   * stored and let go) — else this is before its first sync after an
   * offline edit.
   */
  isLive(docId: string): boolean {
    const link = this.links.get(docId);
    if (link) return link.synced;
    const info = this.deps.docs.info(docId);
    return info !== undefined && info.localChanges === info.syncedChanges;
  }

  /** The newest stored version of a document this laptop heard of. */
  storedVersion(docId: string): number {
    return Math.max(this.links.get(docId)?.storedVersion ?? -1, this.deps.store.state(docId)?.storedVersion ?? 0);
  }

  presence(docId: string): PresenceUser[] {
    return this.links.get(docId)?.people() ?? [];
  }

  /** The connection is gone: let every document go; the unfinished ones stay wanted for the next. */
  releaseAll(): void {
    this.detachedAt.clear();
    this.refusals.clear();
    this.stalledOnce.clear();
    this.lingering.clear();
    for (const [docId, link] of [...this.links]) {
      this.links.delete(docId);
      if (!link.done || link.isOpen) this.wanted.set(docId, link.kind);
      this.letGo(link);
    }
  }

  kindOf(docId: string): DocKind {
    return this.deps.docs.info(docId)?.kind ?? docKindOf(docId) ?? 'article';
  }

  schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Attaches wanted documents, a bounded number at a time (open stories always). */
  pump(): void {
    if (!this.deps.connection()) return;
    const { store, knowledge } = this.deps;
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
      if (detached !== undefined && now - detached < REATTACH_PAUSE_MS) {
        pauseUntil = Math.max(pauseUntil, detached + REATTACH_PAUSE_MS);
        continue;
      }
      this.detachedAt.delete(docId);
      if (this.waitsAsTooLarge(docId, now)) continue;
      const open = this.deps.isOpen(docId);
      if (!open && background >= this.deps.backgroundLinks) {
        // A story kept attached only because it is edited elsewhere gives way to one waiting.
        if (!this.letGoLongestQuiet()) continue;
        background--;
      }
      const state = store.state(docId);
      if (state?.localOnly || state?.flag || store.isPurgePending(docId)) {
        this.wanted.delete(docId);
        continue;
      }
      // Stored on a server once: only sync it if this server still knows it.
      if (state?.serverId && !knowledge.knows(docId)) {
        knowledge.askAbout(docId);
        continue;
      }
      this.wanted.delete(docId);
      this.attach(docId, kind);
      if (!open) background++;
    }
    if (knowledge.questionsPending) this.deps.background(knowledge.lookUp(), 'lookUp');
    if (pauseUntil > 0) this.deps.later(pauseUntil - now + 5, () => this.pump());
    this.deps.changed();
  }

  /**
   * Synced means stored: the server's stored snapshot (state vector and
   * delete set) must contain every local change, deletions included, and the
   * story's photos must be on the server.
   */
  evaluate(docId: string): void {
    const link = this.links.get(docId);
    const connection = this.deps.connection();
    if (!link || !connection || !link.synced || link.done) return;
    if (connection.readOnly) return this.finish(link);
    if (!link.storedSnapshot) return;
    const local = Y.encodeStateAsUpdate(link.mirror);
    if (!Y.snapshotContainsUpdate(Y.decodeSnapshot(link.storedSnapshot), local)) return;
    if (this.deps.uploads.missingFor(docId, link.mirror).length > 0) {
      this.deps.background(this.deps.uploads.run(), 'media uploads');
      return;
    }
    if (this.deps.tidyStored(docId, link.kind, link.mirror)) return;
    const info = this.deps.docs.info(docId);
    if (info) {
      const waited = info.localChanges > info.syncedChanges;
      this.deps.store.markSynced(docId, connection.serverId, link.storedVersion, link.storedSnapshot, info.localChanges);
      this.lastSyncedMs = Date.now();
      if (waited) this.deps.libraryChanged(docId);
    }
    this.finish(link);
  }

  /**
   * A document the server never answered for (its attach was lost) is let
   * go and attached again; a second time, the connection is started over.
   */
  recycleStalled(): void {
    const now = Date.now();
    for (const link of [...this.links.values()]) {
      if (!link.stalled(now, STALLED_MS)) continue;
      this.detach(link.docId);
      if (this.stalledOnce.has(link.docId)) {
        this.deps.log.warn('sync: a document got no answer twice; connecting again', { docId: link.docId });
        this.wanted.set(link.docId, link.kind);
        this.deps.reconnect();
        continue;
      }
      this.stalledOnce.add(link.docId);
      this.deps.log.warn('sync: a document got no answer from the server; attaching it again', { docId: link.docId });
      this.deps.later(250, () => this.want(link.docId, link.kind));
    }
  }

  static readonly STALLED_CHECK_MS = STALLED_MS / 2;

  /** Lets go of the stories kept attached while edited elsewhere once that went quiet (LINGER_MS). */
  letGoQuiet(now = Date.now()): void {
    for (const docId of [...this.lingering]) {
      const link = this.links.get(docId);
      if (!link || now - (link.lastRemoteAt ?? link.attachedAt) >= LINGER_MS) this.detach(docId);
    }
  }

  /** Lets go of the lingering story that has been quiet longest, to free its slot; false when none lingers. */
  private letGoLongestQuiet(): boolean {
    let quietest: DocLink | null = null;
    for (const docId of this.lingering) {
      const link = this.links.get(docId);
      if (link && (quietest === null || (link.lastRemoteAt ?? 0) < (quietest.lastRemoteAt ?? 0))) quietest = link;
    }
    if (!quietest) return false;
    this.detach(quietest.docId);
    return true;
  }

  private attach(docId: string, kind: DocKind): void {
    const { live, docs } = this.deps;
    const connection = this.deps.connection()!;
    const initial = live.isLoaded(docId) ? Y.encodeStateAsUpdate(live.get(docId)) : docs.encodeState(docId);
    const link = new DocLink(docId, kind, initial, connection.socket, connection.token, {
      remote: (id, update) => this.onRemote(id, kind, update),
      synced: (id) => this.evaluate(id),
      stored: (id) => this.evaluate(id),
      refused: (id, reason) => this.onRefused(id, reason),
      tooLarge: (id, limitBytes) => this.onTooLarge(id, kind, limitBytes),
      refusedChange: (id, refusal) => this.onRefusedChange(id, kind, refusal),
      presence: (id, people) => this.deps.presence(id, people),
    });
    if (this.deps.isOpen(docId)) link.setOpen(this.deps.user());
    this.links.set(docId, link);
  }

  private detach(docId: string): void {
    const link = this.links.get(docId);
    if (!link) return;
    this.links.delete(docId);
    this.lingering.delete(docId);
    this.letGo(link);
    this.detachedAt.set(docId, Date.now());
    if (this.detachedAt.size > 5000) {
      const now = Date.now();
      for (const [id, at] of this.detachedAt) if (now - at >= REATTACH_PAUSE_MS) this.detachedAt.delete(id);
    }
    this.schedulePump();
  }

  /**
   * Destroys a link. Whoever it showed as "also here" is no longer known to
   * be: without the connection nobody tells this computer when they leave,
   * so the windows are told now that nobody is (the next attach says again).
   */
  private letGo(link: DocLink): void {
    const shown = link.people().length > 0;
    link.destroy();
    if (shown) this.deps.presence(link.docId, []);
  }

  private finish(link: DocLink): void {
    link.done = true;
    this.refusals.delete(link.docId);
    this.deps.progressed();
    if (!link.isOpen) {
      // Changed elsewhere, not a first download: someone is at work on it; stay for their next change.
      if (link.kind === 'article' && link.lastRemoteAt !== null && link.hadLocally) this.lingering.add(link.docId);
      else this.detach(link.docId);
    }
    this.deps.changed();
  }

  private onRemote(docId: string, kind: DocKind, update: Uint8Array): void {
    try {
      this.deps.live.applyRemote(docId, kind, update);
    } catch (error) {
      // The wire copy now holds what the disk does not: start this document over.
      this.deps.log.error('sync: could not store a change from the server; will retry', { docId, error });
      this.detach(docId);
      this.deps.later(1000, () => this.want(docId, kind));
    }
  }

  /**
   * Whether a too-large document still waits: until it changed here since
   * the refusal, and the retry pause has passed (then it is tried again).
   */
  private waitsAsTooLarge(docId: string, now: number): boolean {
    const refused = this.tooLarge.get(docId);
    if (!refused) return false;
    const changedSince = (this.deps.docs.info(docId)?.localChanges ?? refused.localChanges) !== refused.localChanges;
    if (!changedSince || now - refused.at < this.deps.tooLargeRetryMs) return true;
    this.tooLarge.delete(docId);
    return false;
  }

  private onTooLarge(docId: string, kind: DocKind, limitBytes: number): void {
    this.deps.log.warn('sync: the server refused a change: the story is larger than its limit', { docId, limitBytes });
    this.detach(docId);
    this.tooLarge.set(docId, { limitBytes, at: Date.now(), localChanges: this.deps.docs.info(docId)?.localChanges ?? 0 });
    // Stays wanted; the pump passes it over until it changed here and the pause is over.
    this.wanted.set(docId, kind);
    this.deps.later(this.deps.tooLargeRetryMs + 5, () => this.pump());
    this.deps.changed();
  }

  /**
   * The server refused a change of ours by the newsroom's rules (ADR 0060):
   * what it holds is written back here as an ordinary change, so the refused
   * change and its undoing together change nothing there; then the document
   * is attached again and everything else typed meanwhile goes through.
   */
  private onRefusedChange(docId: string, kind: DocKind, refusal: UpdateRefusal): void {
    this.deps.log.warn('sync: the server refused a change by the newsroom’s rules', { docId, why: refusal.message });
    this.detach(docId);
    const times = (this.refusals.get(docId) ?? 0) + 1;
    this.refusals.set(docId, times);
    try {
      this.deps.undoRefused(docId, kind, refusal);
    } catch (error) {
      this.deps.log.error('sync: could not write back what the server holds of a refused change', { docId, error });
    }
    if (times >= MAX_REFUSALS_IN_A_ROW) {
      this.deps.log.warn('sync: refused again and again; leaving the document until the next connection', { docId, times });
      this.wanted.delete(docId);
    } else this.wanted.set(docId, kind);
    this.schedulePump();
    this.deps.changed();
  }

  private onRefused(docId: string, reason: string): void {
    this.deps.log.warn('sync: the server refused a document', { docId, reason });
    this.detach(docId);
    if (reason === REFUSAL_REASONS.notYourDesk) {
      // Not this account's to sync (another desk's story): kept here as it is, not asked for again on this connection.
      this.wanted.delete(docId);
      this.deps.changed();
    } else if (reason === REFUSAL_REASONS.deleted) {
      this.deps.knowledge.askAbout(docId);
      this.deps.background(this.deps.knowledge.lookUp(), 'lookUp');
    } else if (reason === REFUSAL_REASONS.unauthorized) {
      this.deps.checkAccount();
    } else if (reason !== REFUSAL_REASONS.badName) {
      // The server could not serve it now (its database, say): try again
      // later, on a new connection — Hocuspocus does not let a socket open a
      // document again after refusing it.
      this.wanted.set(docId, this.kindOf(docId));
      this.deps.reconnect();
    }
  }
}
