import * as Y from 'yjs';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { DocKind } from '../../../shared/documents/doc-names';

/**
 * Who made a stored update: this computer ('local', counted as one of its
 * changes waiting for the server), the server ('remote'), or core noting
 * something about a local change it just stored ('note': an offline-rewrite
 * note, ADR 0061 — stored and synced like any update, but not one more change
 * of the person's in the counts the sign-out dialog shows).
 */
export type UpdateOrigin = 'local' | 'remote' | 'note';

export interface DocInfo {
  id: string;
  kind: DocKind;
  createdMs: number;
  updatedMs: number;
  lastSeq: number;
  /** Changes made on this computer, ever. */
  localChanges: number;
  /** Of those, how many the sync server had stored at its last acknowledgement. */
  syncedChanges: number;
}

/**
 * Yjs documents in SQLite: an append-only log of updates per document plus,
 * after compaction, one snapshot holding everything up to a sequence number.
 * Loading applies the snapshot and then the newer updates.
 */
export class DocStore {
  private readonly insertDocument: Statement;
  private readonly insertUpdate: Statement;
  private readonly touchDocument: Statement;
  private readonly selectSnapshot: Statement;
  private readonly selectUpdates: Statement;
  private readonly selectUpdatesThrough: Statement;
  private readonly countUpdates: Statement;
  private readonly upsertSnapshot: Statement;
  private readonly deleteUpdatesThrough: Statement;
  private readonly selectDocument: Statement;
  private readonly deleteDocument: Statement;

  constructor(private readonly db: Database) {
    this.insertDocument = db.prepare(
      'INSERT INTO documents (id, kind, created_ms, updated_ms, last_seq) VALUES (?, ?, ?, ?, 0)',
    );
    this.insertUpdate = db.prepare('INSERT INTO doc_updates (doc_id, data, created_ms) VALUES (?, ?, ?)');
    this.touchDocument = db.prepare('UPDATE documents SET updated_ms = ?, last_seq = ?, local_changes = local_changes + ? WHERE id = ?');
    this.selectSnapshot = db.prepare('SELECT state, through_seq AS throughSeq FROM doc_snapshots WHERE doc_id = ?');
    this.selectUpdates = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq');
    this.selectUpdatesThrough = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq <= ? ORDER BY seq');
    this.countUpdates = db.prepare('SELECT count(*) AS n, max(seq) AS maxSeq FROM doc_updates WHERE doc_id = ?');
    this.upsertSnapshot = db.prepare(
      `INSERT INTO doc_snapshots (doc_id, state, through_seq, compacted_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq, compacted_ms = excluded.compacted_ms`,
    );
    this.deleteUpdatesThrough = db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?');
    this.selectDocument = db.prepare(
      'SELECT id, kind, created_ms AS createdMs, updated_ms AS updatedMs, last_seq AS lastSeq, local_changes AS localChanges, synced_changes AS syncedChanges FROM documents WHERE id = ?',
    );
    this.deleteDocument = db.prepare('DELETE FROM documents WHERE id = ?');
  }

  /**
   * Registers a document and stores its first state, in one transaction.
   * `origin: 'remote'` for a document that arrived from the sync server (its
   * first state is not a change made here).
   */
  create(docId: string, kind: DocKind, firstUpdate: Uint8Array, now = Date.now(), origin: UpdateOrigin = 'local'): number {
    return this.db.transaction(() => {
      this.insertDocument.run(docId, kind, now, now);
      return this.append(docId, firstUpdate, now, origin);
    })();
  }

  /**
   * Appends one update. With synchronous=FULL the update is on disk when this
   * returns, so the caller may acknowledge it. Joins an open transaction.
   * Local updates count towards the document's changes waiting to sync.
   */
  append(docId: string, update: Uint8Array, now = Date.now(), origin: UpdateOrigin = 'local'): number {
    const seq = Number(this.insertUpdate.run(docId, update, now).lastInsertRowid);
    this.touchDocument.run(now, seq, origin === 'local' ? 1 : 0, docId);
    return seq;
  }

  info(docId: string): DocInfo | undefined {
    return this.selectDocument.get(docId) as ReturnType<DocStore['info']>;
  }

  /** The whole stored state as one update, without keeping a Y.Doc around. */
  encodeState(docId: string): Uint8Array | null {
    const doc = this.load(docId);
    if (!doc) return null;
    try {
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Builds the document from its snapshot and later updates, or null if unknown. */
  load(docId: string, gc = true): Y.Doc | null {
    if (!this.info(docId)) return null;
    const doc = new Y.Doc({ gc });
    const snapshot = this.selectSnapshot.get(docId) as { state: Buffer; throughSeq: number } | undefined;
    const updates = this.selectUpdates.all(docId) as Array<{ seq: number; data: Buffer }>;
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const { seq, data } of updates) {
        if (!snapshot || seq > snapshot.throughSeq) Y.applyUpdate(doc, data);
      }
    });
    return doc;
  }

  /** How many updates wait to be merged into the snapshot. */
  pendingUpdates(docId: string): number {
    return (this.countUpdates.get(docId) as { n: number }).n;
  }

  /**
   * Merges the snapshot and every update so far into a new snapshot and
   * deletes the merged updates, all in one transaction: interrupted at any
   * point, the database holds either the old rows or the new ones. `probe`
   * lets tests interrupt it between steps.
   */
  compact(docId: string, now = Date.now(), probe?: (step: 'read' | 'snapshot' | 'delete') => void): { merged: number } {
    return this.db.transaction(() => {
      const { n, maxSeq } = this.countUpdates.get(docId) as { n: number; maxSeq: number | null };
      if (n === 0 || maxSeq === null) return { merged: 0 };
      const snapshot = this.selectSnapshot.get(docId) as { state: Buffer; throughSeq: number } | undefined;
      const updates = this.selectUpdatesThrough.all(docId, maxSeq) as Array<{ seq: number; data: Buffer }>;
      const doc = new Y.Doc();
      doc.transact(() => {
        if (snapshot) Y.applyUpdate(doc, snapshot.state);
        for (const { data } of updates) Y.applyUpdate(doc, data);
      });
      probe?.('read');
      this.upsertSnapshot.run(docId, Y.encodeStateAsUpdate(doc), maxSeq, now);
      probe?.('snapshot');
      this.deleteUpdatesThrough.run(docId, maxSeq);
      probe?.('delete');
      doc.destroy();
      return { merged: updates.length };
    })();
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  remove(docId: string): void {
    this.deleteDocument.run(docId);
  }
}
