import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ParsedPayloadOf, ResultOf } from '../../../shared/contract';
import type { ArticleSummary, Status } from '../../../shared/model';
import { isoWithOffset } from '../../../shared/time';
import { toFtsQuery } from './search-query';

export type LibraryQuery = ParsedPayloadOf<'library.list'>;
/** `capped`: a search matched more stories than were counted (`total` is then a lower bound). */
export type LibraryPage = ResultOf<'library.list'>;

/**
 * A search counts its matches only up to this many (plus the pages scrolled
 * past): counting every story that contains "the" would cost more than the
 * search itself.
 */
export const SEARCH_COUNT_CAP = 1000;

interface Row {
  id: string;
  headline: string;
  kicker: string;
  section: string;
  status: Status;
  language: string;
  bylines: string;
  word_count: number;
  open_suggestions: number;
  open_comments: number;
  created_ms: number;
  updated_ms: number;
  trashed_ms: number | null;
  sync: ArticleSummary['sync'];
}

// The sync badge reads the story's document and sync rows by primary key: a
// few lookups per page row, nothing per matching story.
const SYNC_BADGE = `(SELECT CASE
    WHEN ss.flag IS NOT NULL THEN 'flagged'
    WHEN ss.local_only = 1 THEN 'local_only'
    WHEN sd.local_changes > sd.synced_changes THEN 'waiting'
    ELSE 'synced' END
  FROM documents sd LEFT JOIN sync_state ss ON ss.doc_id = sd.id WHERE sd.id = a.doc_id) AS sync`;
const COLUMNS = `a.id, a.headline, a.kicker, a.section, a.status, a.language, a.bylines, a.word_count, a.open_suggestions, a.open_comments, a.created_ms, a.updated_ms, a.trashed_ms, ${SYNC_BADGE}`;

// Each order matches an index in migration 001 (for the active view).
const ORDER: Record<LibraryQuery['sort'], string> = {
  updated: 'a.updated_ms DESC',
  created: 'a.created_ms DESC',
  headline: "a.headline = '', a.headline COLLATE NOCASE",
  status: 'a.status_rank, a.updated_ms DESC',
};

/**
 * The library list: one page of stories plus the total, filtered and sorted.
 * With a search, matching rowids are read from the full-text index in rowid
 * order — renumbered on every change, so newest-changed first — and the walk
 * stops after what the page and the count need.
 */
export function queryLibrary(db: Database, q: LibraryQuery): LibraryPage {
  const where: string[] = [q.view === 'trash' ? 'a.trashed_ms IS NOT NULL' : 'a.trashed_ms IS NULL'];
  const params: Record<string, unknown> = {};
  if (q.status) {
    where.push('a.status = @status');
    params.status = q.status;
  }
  if (q.section) {
    where.push('a.section = @section');
    params.section = q.section;
  }
  if (q.mentioning) {
    where.push('EXISTS (SELECT 1 FROM article_mentions m WHERE m.article_id = a.id AND m.name = @mentioning)');
    params.mentioning = q.mentioning;
  }
  const order = q.view === 'trash' && q.sort === 'updated' ? 'a.trashed_ms DESC' : ORDER[q.sort];
  const fts = toFtsQuery(q.query);
  if (!fts) {
    const filter = where.join(' AND ');
    const rows = db
      .prepare(`SELECT ${COLUMNS} FROM articles a WHERE ${filter} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
    const total = (db.prepare(`SELECT count(*) AS n FROM articles a WHERE ${filter}`).get(params) as { n: number }).n;
    return { total, capped: false, items: rows.map(toSummary) };
  }

  where.push('article_search MATCH @fts');
  params.fts = fts;
  const filter = where.join(' AND ');
  const from = 'article_search s JOIN articles a ON a.search_rowid = s.rowid';
  if (q.sort !== 'updated') {
    // Other orders need every match sorted; fine for the result sizes people sort.
    const rows = db
      .prepare(`SELECT ${COLUMNS} FROM ${from} WHERE ${filter} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
    const total = (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${filter}`).get(params) as { n: number }).n;
    return { total, capped: false, items: rows.map(toSummary) };
  }
  const scan = Math.max(SEARCH_COUNT_CAP, q.offset + q.limit) + 1;
  const ids = db
    .prepare(`SELECT a.rowid AS rowid FROM ${from} WHERE ${filter} ORDER BY s.rowid DESC LIMIT @scan`)
    .pluck()
    .all({ ...params, scan }) as number[];
  const capped = ids.length === scan;
  const pageIds = ids.slice(q.offset, q.offset + q.limit);
  const rows = pageIds.length
    ? (db
        .prepare(`SELECT a.rowid AS rowid, ${COLUMNS} FROM articles a WHERE a.rowid IN (${pageIds.map(() => '?').join(',')})`)
        .all(...pageIds) as Array<Row & { rowid: number }>)
    : [];
  const byRowid = new Map(rows.map((row) => [row.rowid, row]));
  const items = pageIds.flatMap((rowid) => {
    const row = byRowid.get(rowid);
    return row ? [toSummary(row)] : [];
  });
  return { total: capped ? scan - 1 : ids.length, capped, items };
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
    openSuggestions: row.open_suggestions,
    openComments: row.open_comments,
    createdAt: isoWithOffset(row.created_ms),
    updatedAt: isoWithOffset(row.updated_ms),
    trashedAt: row.trashed_ms === null ? null : isoWithOffset(row.trashed_ms),
    sync: row.sync ?? 'waiting',
  };
}
