import { mediaShaOf } from '../../../shared/documents/media-kind';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import * as Y from 'yjs';
import { mediaReferences } from '../../../shared/media-refs';

/**
 * What "Remove this newsroom's stories from this computer" removes (ADR
 * 0050): every document a sync server stored or sent here — stories and
 * photo documents, with their library rows, search entries, revisions and
 * sync state — except:
 * - documents never synced, and those the person chose to keep only here
 *   (`local_only`);
 * - photo documents a kept story shows (the photo stays with the story).
 *
 * Works on any library database by SQL alone, so the same plan serves the
 * live database and each kept backup.
 */
export interface RemovalPlan {
  /** Every document to remove. */
  docIds: string[];
  /** Stories among them. */
  articleDocIds: string[];
  /** sha256 of the photo documents among them (their files go too). */
  mediaShas: string[];
  /** Changes made here that no server stored, in the documents to remove (flagged documents count whole). */
  unsyncedChanges: number;
  unsyncedDocuments: number;
  /** Stories that stay (never synced, or kept only here). */
  keptStories: number;
}

/** Documents a server stored (acknowledged), a server lost (flagged), or that came only from a server (no change made here). */
const CANDIDATES = `
  SELECT d.id AS id, d.kind AS kind, max(d.local_changes - d.synced_changes, 0) AS unsynced, s.flag AS flag
  FROM documents d LEFT JOIN sync_state s ON s.doc_id = d.id
  WHERE coalesce(s.local_only, 0) = 0 AND (s.server_id IS NOT NULL OR s.flag IS NOT NULL OR d.local_changes = 0)`;

/**
 * `alsoRemove`: ids removed from the live database, which a backup may hold
 * under an older state (e.g. before their first sync).
 */
export function planRemoval(db: Database, alsoRemove: Iterable<string> = []): RemovalPlan {
  const rows = db.prepare(CANDIDATES).all() as Array<{ id: string; kind: 'article' | 'media'; unsynced: number; flag: string | null }>;
  const chosen = new Map(rows.map((row) => [row.id, row]));
  const kindOf = db.prepare('SELECT kind, max(local_changes - synced_changes, 0) AS unsynced FROM documents WHERE id = ?');
  for (const id of alsoRemove) {
    if (chosen.has(id)) continue;
    const row = kindOf.get(id) as { kind: 'article' | 'media'; unsynced: number } | undefined;
    if (row) chosen.set(id, { id, kind: row.kind, unsynced: row.unsynced, flag: null });
  }
  // Photos that kept stories show stay, with their documents.
  const keptStories = (db.prepare("SELECT id FROM documents WHERE kind = 'article'").pluck().all() as string[]).filter((id) => !chosen.has(id));
  const keptPhotos = new Set<string>();
  for (const docId of keptStories) {
    const doc = loadDoc(db, docId);
    try {
      for (const sha of mediaReferences(doc)) keptPhotos.add(sha);
    } finally {
      doc.destroy();
    }
  }
  const plan: RemovalPlan = { docIds: [], articleDocIds: [], mediaShas: [], unsyncedChanges: 0, unsyncedDocuments: 0, keptStories: keptStories.length };
  for (const row of chosen.values()) {
    if (row.kind === 'media') {
      const sha = mediaShaOf(row.id);
      if (!sha) continue;
      if (keptPhotos.has(sha)) continue;
      plan.mediaShas.push(sha);
    } else {
      plan.articleDocIds.push(row.id);
    }
    plan.docIds.push(row.id);
    const lost = row.flag !== null ? Math.max(row.unsynced, 1) : row.unsynced;
    if (lost > 0) {
      plan.unsyncedChanges += lost;
      plan.unsyncedDocuments++;
    }
  }
  return plan;
}

/**
 * Removes the plan's documents and everything derived from them, in one
 * transaction, then merges the search indexes so the removed words leave
 * their pages too (with secure_delete on, freed pages are zeroed). Child
 * rows are deleted by name, not left to ON DELETE CASCADE: a backup opened
 * without `foreign_keys` would keep them.
 */
export function removeDocuments(db: Database, plan: Pick<RemovalPlan, 'docIds' | 'mediaShas'>): void {
  if (plan.docIds.length === 0) return;
  const articleSearch = db.prepare('SELECT search_rowid FROM articles WHERE doc_id = ? AND search_rowid IS NOT NULL').pluck();
  const mediaSearch = db.prepare('SELECT search_rowid FROM media WHERE doc_id = ? AND search_rowid IS NOT NULL').pluck();
  const deleteArticleSearch = db.prepare('DELETE FROM article_search WHERE rowid = ?');
  const deleteMediaSearch = db.prepare('DELETE FROM media_search WHERE rowid = ?');
  const children = ['revisions', 'articles', 'media', 'sync_state', 'sync_purged', 'doc_snapshots', 'doc_updates'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE doc_id = ?`),
  );
  const deleteDocument = db.prepare('DELETE FROM documents WHERE id = ?');
  const deleteMediaQueue = db.prepare('DELETE FROM sync_media WHERE sha256 = ?');
  db.transaction(() => {
    for (const docId of plan.docIds) {
      for (const rowid of articleSearch.all(docId) as number[]) deleteArticleSearch.run(rowid);
      for (const rowid of mediaSearch.all(docId) as number[]) deleteMediaSearch.run(rowid);
      for (const statement of children) statement.run(docId);
      deleteDocument.run(docId);
    }
    for (const sha of plan.mediaShas) deleteMediaQueue.run(sha);
    // A contentless FTS5 delete only marks the entry; merging drops the removed terms from the index's pages.
    db.exec("INSERT INTO article_search (article_search) VALUES ('optimize')");
    db.exec("INSERT INTO media_search (media_search) VALUES ('optimize')");
  })();
}

function loadDoc(db: Database, docId: string): Y.Doc {
  const doc = new Y.Doc();
  const snapshot = db.prepare('SELECT state, through_seq AS throughSeq FROM doc_snapshots WHERE doc_id = ?').get(docId) as
    | { state: Buffer; throughSeq: number }
    | undefined;
  const updates = db.prepare('SELECT data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq').pluck().all(docId, snapshot?.throughSeq ?? -1) as Buffer[];
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const data of updates) Y.applyUpdate(doc, data);
  });
  return doc;
}
