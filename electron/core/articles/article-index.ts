import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { STATUSES } from '../../../shared/model';
import { normalizeForSearch } from '../../../shared/search-text';
import type { DerivedArticle } from './derive';

/**
 * Writes derived library rows and their search entries. A story's search
 * entry gets a new rowid on every write, so the index's rowid order is
 * "most recently changed first" (see library-query.ts).
 */
export class ArticleIndex {
  private readonly upsertRow: Statement;
  private readonly selectSearchRowid: Statement;
  private readonly nextSearchRowid: Statement;
  private readonly deleteSearch: Statement;
  private readonly insertSearch: Statement;
  private readonly setSearchRowid: Statement;
  private readonly selectStale: Statement;

  constructor(private readonly db: Database) {
    this.upsertRow = db.prepare(
      `INSERT INTO articles (id, doc_id, headline, kicker, section, status, status_rank, language, bylines, word_count, created_ms, updated_ms, trashed_ms, derived_seq)
       VALUES (@id, @docId, @headline, @kicker, @section, @status, @statusRank, @language, @bylines, @wordCount, @createdMs, @updatedMs, @trashedMs, @derivedSeq)
       ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, kicker = excluded.kicker, section = excluded.section,
         status = excluded.status, status_rank = excluded.status_rank, language = excluded.language, bylines = excluded.bylines, word_count = excluded.word_count,
         created_ms = excluded.created_ms, updated_ms = excluded.updated_ms, trashed_ms = excluded.trashed_ms, derived_seq = excluded.derived_seq`,
    );
    this.selectSearchRowid = db.prepare('SELECT search_rowid AS rowid FROM articles WHERE id = ?');
    this.nextSearchRowid = db.prepare('SELECT coalesce(max(search_rowid), 0) + 1 AS next FROM articles');
    this.deleteSearch = db.prepare('DELETE FROM article_search WHERE rowid = ?');
    this.insertSearch = db.prepare(
      'INSERT INTO article_search (rowid, headline, kicker, teaser, body, people, tags) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.setSearchRowid = db.prepare('UPDATE articles SET search_rowid = ? WHERE id = ?');
    this.selectStale = db.prepare(
      `SELECT d.id AS docId FROM documents d LEFT JOIN articles a ON a.doc_id = d.id
       WHERE d.kind = 'article' AND (a.id IS NULL OR a.derived_seq < d.last_seq)
       ORDER BY d.updated_ms`,
    );
  }

  /** Writes one story's row and search entry in one transaction. */
  write(id: string, docId: string, derived: DerivedArticle, updatedMs: number, derivedSeq: number): void {
    const { fields } = derived;
    this.db.transaction(() => {
      this.upsertRow.run({
        id,
        docId,
        headline: fields.headline,
        kicker: fields.kicker,
        section: fields.section,
        status: fields.status,
        statusRank: STATUSES.indexOf(fields.status),
        language: fields.language,
        bylines: JSON.stringify(fields.bylines.map((b) => b.name)),
        wordCount: derived.wordCount,
        createdMs: Date.parse(fields.createdAt) || updatedMs,
        updatedMs,
        trashedMs: fields.trashedAt ? Date.parse(fields.trashedAt) || updatedMs : null,
        derivedSeq,
      });
      const previous = (this.selectSearchRowid.get(id) as { rowid: number | null }).rowid;
      if (previous !== null) this.deleteSearch.run(previous);
      const next = (this.nextSearchRowid.get() as { next: number }).next;
      const s = derived.search;
      const n = normalizeForSearch;
      this.insertSearch.run(next, n(s.headline), n(s.kicker), n(s.teaser), n(s.body), n(s.people), n(s.tags));
      this.setSearchRowid.run(next, id);
    })();
  }

  /** Removes a story's row and search entry (when it is purged). */
  remove(id: string): void {
    this.db.transaction(() => {
      const row = this.selectSearchRowid.get(id) as { rowid: number | null } | undefined;
      if (row?.rowid != null) this.deleteSearch.run(row.rowid);
      this.db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    })();
  }

  /** Documents whose row is missing or older than their last update (e.g. after a crash). */
  staleDocIds(): string[] {
    return (this.selectStale.all() as Array<{ docId: string }>).map((row) => row.docId);
  }
}
