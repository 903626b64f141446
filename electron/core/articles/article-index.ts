import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { STATUSES } from '../../../shared/model';
import { ARTICLE_SEARCH_COLUMNS, type ArticleProjection } from '../../../shared/documents/article-kind';
import { SearchEntries } from '../store/search-entries';

/** Writes derived library rows and their search entries (see search-entries.ts for their rowid order). */
export class ArticleIndex {
  private readonly upsertRow: Statement;
  private readonly search: SearchEntries;
  private readonly selectStale: Statement;
  private readonly clearMentions: Statement;
  private readonly addMention: Statement;

  constructor(private readonly db: Database) {
    this.upsertRow = db.prepare(
      `INSERT INTO articles (id, doc_id, headline, kicker, section, status, status_rank, language, bylines, word_count, open_suggestions, open_comments, created_ms, updated_ms, trashed_ms, derived_seq)
       VALUES (@id, @docId, @headline, @kicker, @section, @status, @statusRank, @language, @bylines, @wordCount, @openSuggestions, @openComments, @createdMs, @updatedMs, @trashedMs, @derivedSeq)
       ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, kicker = excluded.kicker, section = excluded.section,
         status = excluded.status, status_rank = excluded.status_rank, language = excluded.language, bylines = excluded.bylines, word_count = excluded.word_count,
         open_suggestions = excluded.open_suggestions, open_comments = excluded.open_comments,
         created_ms = excluded.created_ms, updated_ms = excluded.updated_ms, trashed_ms = excluded.trashed_ms, derived_seq = excluded.derived_seq`,
    );
    this.clearMentions = db.prepare('DELETE FROM article_mentions WHERE article_id = ?');
    this.addMention = db.prepare('INSERT OR IGNORE INTO article_mentions (article_id, name) VALUES (?, ?)');
    this.search = new SearchEntries(db, { rows: 'articles', key: 'id', fts: 'article_search', columns: ARTICLE_SEARCH_COLUMNS });
    this.selectStale = db.prepare(
      `SELECT d.id AS docId FROM documents d LEFT JOIN articles a ON a.doc_id = d.id
       WHERE d.kind = 'article' AND (a.id IS NULL OR a.derived_seq < d.last_seq)
       ORDER BY d.updated_ms`,
    );
  }

  /**
   * Writes one story's row and search entry in one transaction. The row's
   * "Updated" is the edit time in the document, whoever made the edit and
   * wherever; `storedMs` (when this computer last wrote the document) only
   * stands in for a story from before edit times were written.
   */
  write(id: string, docId: string, derived: ArticleProjection, storedMs: number, derivedSeq: number): void {
    const { fields } = derived;
    const updatedMs = derived.editedAtMs ?? storedMs;
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
        openSuggestions: derived.openSuggestions,
        openComments: derived.openComments,
        createdMs: Date.parse(fields.createdAt) || updatedMs,
        updatedMs,
        trashedMs: fields.trashedAt ? Date.parse(fields.trashedAt) || updatedMs : null,
        derivedSeq,
      });
      this.search.replace(id, derived.search);
      this.clearMentions.run(id);
      for (const name of derived.mentioned) this.addMention.run(id, name);
    })();
  }

  /** Removes a story's row and search entry (when it is purged). */
  remove(id: string): void {
    this.db.transaction(() => {
      this.search.remove(id);
      this.clearMentions.run(id);
      this.db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    })();
  }

  /** Documents whose row is missing or older than their last update (e.g. after a crash). */
  staleDocIds(): string[] {
    return (this.selectStale.all() as Array<{ docId: string }>).map((row) => row.docId);
  }
}
