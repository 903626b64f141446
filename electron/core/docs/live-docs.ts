import * as Y from 'yjs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { LedeError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { DocStore, UpdateOrigin } from './doc-store';
import type { DocKind } from '../../../shared/documents/doc-names';
import type { EditGuard } from '../../../shared/documents/document-kind';
import { documentKindOf } from '../../../shared/documents/kinds';
import { noteOfflineEdits, readRewritable, type OfflineAuthor } from '../../../shared/field-rewrites';

/** Who made a change: a session's id, or core itself (workflow moves, seeding). */
export type ChangeOrigin = string;
export const CORE_ORIGIN: ChangeOrigin = 'core';
/** Changes that arrived from the newsroom sync server. */
export const SYNC_ORIGIN: ChangeOrigin = 'sync';


export interface StoredChange {
  docId: string;
  update: Uint8Array;
  origin: ChangeOrigin;
  /**
   * Core wrote this in the session's name, right after its change (an
   * offline-rewrite note, ADR 0061): the session that sent the change needs it back, or
   * its copy would miss core's part and wait forever on what follows it.
   */
  echo?: boolean;
}

/** Who edits a document while this laptop is not live with the sync server (ADR 0061); null while it is. */
export type OfflineAuthorOf = (docId: string, kind: DocKind) => OfflineAuthor | null;

/**
 * The authoritative in-memory copies of open documents. Every change to them
 * goes through `apply` or `change`, which store the resulting Yjs update in
 * the same SQLite transaction; listeners hear about a change only after it
 * has been committed. If anything fails, the memory copy is dropped and
 * reloaded from disk, so memory never holds what the disk does not.
 */
export class LiveDocs {
  private readonly docs = new Map<string, Y.Doc>();
  private outbox: StoredChange[] = [];
  /** True while core writes an offline-rewrite note: its update is stored as a 'note', not as one more change. */
  private noting = false;
  /** True inside run(): changes then wait in the outbox until the transaction commits. */
  private running = false;
  private readonly listeners = new Set<(change: StoredChange) => void>();
  private offlineAuthorOf: OfflineAuthorOf | null = null;

  constructor(
    private readonly db: Database,
    private readonly store: DocStore,
    private readonly log: Logger,
  ) {}

  onStored(listener: (change: StoredChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * From now on, every change made on this computer is asked whether it is
   * made offline; if so, what it did to the short fields (headline, caption…)
   * is noted in the document, in a transaction right after the change's and
   * in the same SQLite transaction, so the note is stored and sent with the
   * text it describes.
   */
  noteOfflineRewrites(authorOf: OfflineAuthorOf): void {
    this.offlineAuthorOf = authorOf;
  }

  has(docId: string): boolean {
    return this.docs.has(docId) || this.store.info(docId) !== undefined;
  }

  /** The live copy, loaded from disk on first use. */
  get(docId: string): Y.Doc {
    let doc = this.docs.get(docId);
    if (doc) return doc;
    const loaded = this.store.load(docId);
    if (!loaded) throw new LedeError('not_found', `There is no document ${docId}.`);
    this.attach(docId, loaded);
    return loaded;
  }

  isLoaded(docId: string): boolean {
    return this.docs.has(docId);
  }

  /** Creates a document whose first state is written by `seed`, stored once. */
  create(docId: string, kind: DocKind, seed: (doc: Y.Doc) => void): Y.Doc {
    const doc = new Y.Doc();
    seed(doc);
    const first = Y.encodeStateAsUpdate(doc);
    this.store.create(docId, kind, first);
    this.attach(docId, doc);
    // Listeners (sync among them) learn about a new document like any change.
    this.notify([{ docId, update: first, origin: CORE_ORIGIN }]);
    return doc;
  }

  /**
   * Stores an update that arrived from the sync server, through the same
   * path as every other change: in one SQLite transaction, then listeners
   * (open sessions get `article.updated`, library rows are derived). A
   * document this computer does not have yet is created. The document's kind
   * decides whether remote updates are guarded (none is today: the server
   * and the other clients run the same rules). A document nobody has open is
   * not loaded into memory for this unless its kind guards remote updates.
   */
  applyRemote(docId: string, kind: DocKind, update: Uint8Array): void {
    const guard = documentKindOf(docId)?.remoteUpdateGuard ?? undefined;
    const loaded = this.docs.get(docId) ?? (guard && this.store.info(docId) ? this.get(docId) : undefined);
    if (loaded) {
      // Not stamped: a change from the server carries its author's edit time.
      this.run(docId, loaded, () => Y.applyUpdate(loaded, update, SYNC_ORIGIN), { guard, origin: SYNC_ORIGIN, stamp: false });
      return;
    }
    const now = Date.now();
    this.db.transaction(() => {
      if (this.store.info(docId)) this.store.append(docId, update, now, 'remote');
      else this.store.create(docId, kind, update, now, 'remote');
    })();
    this.notify([{ docId, update, origin: SYNC_ORIGIN }]);
  }

  /**
   * Applies an update from a session; the guard may refuse it. An update that
   * depends on changes core never received would only wait in Yjs' pending
   * queue, in memory, without being stored: it is refused, not acknowledged.
   */
  apply(docId: string, update: Uint8Array, origin: ChangeOrigin, guard?: EditGuard): void {
    const doc = this.get(docId);
    this.run(
      docId,
      doc,
      () => {
        Y.applyUpdate(doc, update, origin);
        if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
          throw new LedeError('invalid_payload', 'This change builds on earlier changes Lede has not received. Reopen the story to continue.');
        }
      },
      { guard, origin, stamp: true },
    );
  }

  /** Makes a change in core's name (status moves, trash…). */
  change(docId: string, fn: (doc: Y.Doc) => void, origin: ChangeOrigin = CORE_ORIGIN): void {
    const doc = this.get(docId);
    this.run(docId, doc, () => doc.transact(() => fn(doc), origin), { origin, stamp: origin !== SYNC_ORIGIN });
  }

  /** Core's housekeeping in a document (clearing settled offline-rewrite notes): no edit time, no note. */
  tidy(docId: string, fn: (doc: Y.Doc) => void): void {
    const doc = this.get(docId);
    this.run(docId, doc, () => doc.transact(() => fn(doc), CORE_ORIGIN), { origin: CORE_ORIGIN, stamp: false });
  }

  /** Forgets the memory copy (the disk keeps everything). */
  unload(docId: string): void {
    const doc = this.docs.get(docId);
    if (!doc) return;
    this.docs.delete(docId);
    doc.destroy();
  }

  loadedIds(): string[] {
    return [...this.docs.keys()];
  }

  /**
   * `stamp`: a change made on this computer; its kind's edit time is written
   * after it (core's own transaction, past the guard, in the same SQLite
   * transaction: the edit and its time are stored together or not at all).
   * Made offline, its offline rewrites are noted too, right after it.
   */
  private run(docId: string, doc: Y.Doc, change: () => void, how: { guard?: EditGuard; origin: ChangeOrigin; stamp: boolean }): void {
    const { guard, origin, stamp } = how;
    let refusal: string | null = null;
    const inspect = (transaction: Y.Transaction) => {
      if (guard && refusal === null) refusal = guard(transaction, doc);
    };
    doc.on('afterTransaction', inspect);
    this.running = true;
    const kind = documentKindOf(docId);
    const stampEdit = stamp ? kind?.stampEdit : null;
    const author = stamp && kind && this.offlineAuthorOf ? this.offlineAuthorOf(docId, kind.kind) : null;
    // Which stored update carries the offline-rewrite note, when the session that made the edit must get it back.
    let echoAt: number | null = null;
    const mutate =
      author && kind
        ? () => {
            const before = readRewritable(doc, kind.kind);
            change();
            if (refusal !== null) return;
            // The note in a transaction of its own, right after the edit and in the same SQLite
            // transaction (stored and announced together). Not inside the edit's: an applied update's
            // transaction is never local to Yjs, and a write in the document's own name there makes Yjs
            // give the document a new client id — a new writer in the story, for good, at every offline edit.
            doc.off('afterTransaction', inspect);
            const at = this.outbox.length;
            let noted = false;
            this.noting = true;
            try {
              doc.transact(() => {
                noted = noteOfflineEdits(doc, kind.kind, before, author);
              }, origin);
            } finally {
              this.noting = false;
            }
            if (noted && this.outbox.length > at) echoAt = at;
          }
        : change;
    try {
      this.db.transaction(() => {
        const before = this.outbox.length;
        mutate();
        if (refusal !== null) throw new LedeError('forbidden', refusal);
        doc.off('afterTransaction', inspect);
        // Only after something changed (an update already there changes nothing).
        if (stampEdit && this.outbox.length > before) doc.transact(() => stampEdit(doc, Date.now()), CORE_ORIGIN);
      })();
    } catch (error) {
      this.outbox = [];
      this.unload(docId);
      if (!(error instanceof LedeError)) this.log.error('change not stored', { docId, error });
      throw error;
    } finally {
      this.running = false;
      doc.off('afterTransaction', inspect);
    }
    const committed = this.outbox;
    this.outbox = [];
    // The note goes back to the session that typed (its copy lacks it); the edit and the edit time do not.
    const noteAt = echoAt as number | null;
    const note = noteAt === null ? undefined : committed[noteAt];
    if (noteAt !== null && note) committed[noteAt] = { ...note, echo: true };
    this.notify(committed);
  }

  private notify(changes: StoredChange[]): void {
    for (const change of changes) for (const listener of this.listeners) listener(change);
  }

  private attach(docId: string, doc: Y.Doc): void {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const change = { docId, update, origin: typeof origin === 'string' ? origin : CORE_ORIGIN };
      const from: UpdateOrigin = change.origin === SYNC_ORIGIN ? 'remote' : this.noting ? 'note' : 'local';
      if (this.running) {
        this.store.append(docId, update, Date.now(), from);
        this.outbox.push(change);
        return;
      }
      // Changed outside apply/change (a bug, or a library writing to the
      // document directly): still stored atomically and announced, so
      // nothing in memory is missing from disk or from the listeners.
      this.log.warn('a document changed outside LiveDocs; stored it anyway', { docId });
      this.db.transaction(() => this.store.append(docId, update, Date.now(), from))();
      this.notify([change]);
    });
    this.docs.set(docId, doc);
  }
}
