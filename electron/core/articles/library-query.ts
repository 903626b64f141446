import type { Database } from 'better-sqlite3';
import type { ArticleSummary, Status } from '../../../shared/model';
import { isoWithOffset } from '../../../shared/time';
import { toFtsQuery } from './search-query';

export interface LibraryQuery {
  query: string;
  status?: Status;
  section?: string;
  view: 'active' | 'trash';
  sort: 'updated' | 'created' | 'headline' | 'status';
  offset: number;
  limit: number;
}

export interface LibraryPage {
  total: number;
  items: ArticleSummary[];
}

interface Row {
  id: string;
  headline: string;
  kicker: string;
  section: string;
  status: Status;
  language: string;
  bylines: string;
  word_count: number;
  created_ms: number;
  updated_ms: number;
  trashed_ms: number | null;
}

const COLUMNS = 'a.id, a.headline, a.kicker, a.section, a.status, a.language, a.bylines, a.word_count, a.created_ms, a.updated_ms, a.trashed_ms';

const ORDER: Record<LibraryQuery['sort'], string> = {
  updated: 'a.updated_ms DESC',
  created: 'a.created_ms DESC',
  headline: "a.headline = '' ASC, a.headline COLLATE NOCASE ASC",
  status: "CASE a.status WHEN 'draft' THEN 0 WHEN 'in_edit' THEN 1 WHEN 'ready' THEN 2 WHEN 'published' THEN 3 ELSE 4 END, a.updated_ms DESC",
};

/**
 * The library list: one page of stories plus the total, filtered and sorted.
 * With a search, "most recently changed first" walks the full-text index in
 * rowid order (see article-index.ts) and stops after the page, which keeps
 * common words as fast as rare ones.
 */
export function queryLibrary(db: Database, q: LibraryQuery): LibraryPage {
  const where: string[] = [q.view === 'trash' ? 'a.trashed_ms IS NOT NULL' : 'a.trashed_ms IS NULL'];
  const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
  if (q.status) {
    where.push('a.status = @status');
    params.status = q.status;
  }
  if (q.section) {
    where.push('a.section = @section');
    params.section = q.section;
  }
  const fts = toFtsQuery(q.query);
  let from = 'articles a';
  let order = ORDER[q.sort];
  if (fts) {
    from = 'article_search s JOIN articles a ON a.search_rowid = s.rowid';
    where.push('article_search MATCH @fts');
    params.fts = fts;
    if (q.sort === 'updated') order = 's.rowid DESC';
  }
  const filter = where.join(' AND ');
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM ${from} WHERE ${filter} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .all(params) as Row[];
  const { limit: _limit, offset: _offset, ...countParams } = params;
  const total = (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${filter}`).get(countParams) as { n: number }).n;
  return { total, items: rows.map(toSummary) };
}

function toSummary(row: Row): ArticleSummary {
  return {
    id: row.id,
    headline: row.headline,
    kicker: row.kicker,
    section: row.section,
    status: row.status,
    language: row.language,
    bylines: JSON.parse(row.bylines) as string[],
    wordCount: row.word_count,
    createdAt: isoWithOffset(row.created_ms),
    updatedAt: isoWithOffset(row.updated_ms),
    trashedAt: row.trashed_ms === null ? null : isoWithOffset(row.trashed_ms),
  };
}
