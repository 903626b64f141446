import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { checkMediaFields, emptyMediaFields, type MediaFields } from '../../../shared/media-fields';
import type { MediaFileFacts } from '../../../shared/media-doc';
import { MEDIA_SEARCH_COLUMNS, type MediaProjection } from '../../../shared/documents/media-kind';
import { SearchEntries } from '../store/search-entries';
import { toFtsQuery } from '../articles/search-query';
import type { ParsedPayloadOf, ResultOf } from '../../../shared/contract';
import { isCullLabel } from '../../../shared/media-cull';

export type MediaQuery = ParsedPayloadOf<'media.list'>;
export type MediaFilter = MediaQuery['filter'];
export type MediaSort = MediaQuery['sort'];
/** A list query without its page: what `media.ids` and the counts take. */
export type MediaListQuery = Omit<MediaQuery, 'offset' | 'limit'>;
/** A photo as the API answers it. */
export type MediaRow = ResultOf<'media.get'>['items'][number];

interface Stored {
  sha256: string;
  filename: string;
  format: string;
  bytes: number;
  width: number;
  height: number;
  taken_ms: number | null;
  imported_ms: number;
  fields: string;
  facts: string;
  missing_alt: number;
  missing_credit: number;
  over_limit: number;
  rating: number;
  label: string;
  tagged: number;
  rejected: number;
}

const COLUMNS = 'm.sha256, m.filename, m.format, m.bytes, m.width, m.height, m.taken_ms, m.imported_ms, m.fields, m.facts, m.missing_alt, m.missing_credit, m.over_limit, m.rating, m.label, m.tagged, m.rejected';

const ORDER: Record<MediaSort, string> = {
  imported: 'm.imported_ms DESC, m.sha256',
  taken: 'm.taken_ms IS NULL, m.taken_ms DESC, m.sha256',
  filename: 'm.filename COLLATE NOCASE, m.sha256',
};

const FILTER: Record<MediaFilter, string | null> = {
  all: null,
  missingAlt: 'm.missing_alt = 1',
  missingCredit: 'm.missing_credit = 1',
  overLimit: 'm.over_limit = 1',
};

/** The derived `media` rows and their search entries (see migration 002). */
export class MediaIndex {
  private readonly upsert: Statement;
  private readonly search: SearchEntries;
  private readonly selectStale: Statement;
  private readonly selectExists: Statement;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO media (sha256, doc_id, filename, format, bytes, width, height, taken_ms, imported_ms, caption, credit, alt_text, fields, facts, missing_alt, missing_credit, over_limit, rating, label, tagged, rejected, derived_seq)
       VALUES (@sha256, @docId, @filename, @format, @bytes, @width, @height, @takenMs, @importedMs, @caption, @credit, @altText, @fields, @facts, @missingAlt, @missingCredit, @overLimit, @rating, @label, @tagged, @rejected, @derivedSeq)
       ON CONFLICT (sha256) DO UPDATE SET filename = excluded.filename, format = excluded.format, bytes = excluded.bytes, width = excluded.width,
         height = excluded.height, taken_ms = excluded.taken_ms, imported_ms = excluded.imported_ms, caption = excluded.caption, credit = excluded.credit,
         alt_text = excluded.alt_text, fields = excluded.fields, facts = excluded.facts, missing_alt = excluded.missing_alt, missing_credit = excluded.missing_credit,
         over_limit = excluded.over_limit, rating = excluded.rating, label = excluded.label, tagged = excluded.tagged, rejected = excluded.rejected,
         derived_seq = excluded.derived_seq`,
    );
    this.search = new SearchEntries(db, { rows: 'media', key: 'sha256', fts: 'media_search', columns: MEDIA_SEARCH_COLUMNS });
    this.selectStale = db.prepare(
      `SELECT d.id AS docId FROM documents d LEFT JOIN media m ON m.doc_id = d.id
       WHERE d.kind = 'media' AND (m.sha256 IS NULL OR m.derived_seq < d.last_seq)`,
    );
    this.selectExists = db.prepare('SELECT 1 FROM media WHERE sha256 = ?').pluck();
  }

  has(sha256: string): boolean {
    return this.selectExists.get(sha256) !== undefined;
  }

  write(sha256: string, docId: string, projection: MediaProjection, derivedSeq: number): void {
    const { facts, fields, cull } = projection;
    const problems = checkMediaFields(fields);
    this.db.transaction(() => {
      this.upsert.run({
        sha256,
        docId,
        filename: facts.filename,
        format: facts.format,
        bytes: facts.bytes,
        width: facts.width,
        height: facts.height,
        takenMs: Date.parse(facts.takenAt) || null,
        importedMs: Date.parse(facts.importedAt) || Date.now(),
        caption: fields.caption,
        credit: fields.credit,
        altText: fields.altText,
        fields: JSON.stringify(fields),
        facts: JSON.stringify(facts),
        missingAlt: problems.some((p) => p.field === 'altText' && p.level === 'WARN') ? 1 : 0,
        missingCredit: problems.some((p) => p.field === 'credit' && p.level === 'WARN') ? 1 : 0,
        overLimit: problems.some((p) => p.level === 'ERROR') ? 1 : 0,
        rating: cull.rating,
        label: cull.label,
        tagged: cull.tagged ? 1 : 0,
        rejected: cull.rejected ? 1 : 0,
        derivedSeq,
      });
      this.search.replace(sha256, projection.search);
    })();
  }

  staleDocIds(): string[] {
    return (this.selectStale.all() as Array<{ docId: string }>).map((row) => row.docId);
  }

  get(sha256s: readonly string[]): MediaRow[] {
    if (sha256s.length === 0) return [];
    const rows: Stored[] = [];
    // SQLite caps bound parameters; ask in slices.
    for (let i = 0; i < sha256s.length; i += 500) {
      const slice = sha256s.slice(i, i + 500);
      rows.push(...(this.db.prepare(`SELECT ${COLUMNS} FROM media m WHERE m.sha256 IN (${slice.map(() => '?').join(',')})`).all(...slice) as Stored[]));
    }
    const bySha = new Map(rows.map((row) => [row.sha256, toRow(row)]));
    return sha256s.flatMap((sha) => bySha.get(sha) ?? []);
  }

  query(q: MediaQuery): { total: number; items: MediaRow[] } {
    const { where, params, from } = this.whereFor(q);
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM ${from} ${where} ORDER BY ${ORDER[q.sort]} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as Stored[];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM ${from} ${where}`).get(params) as { n: number }).n;
    return { total, items: rows.map(toRow) };
  }

  /** Every hash matching a query, in list order (select all, shift-click ranges). */
  ids(q: MediaListQuery): string[] {
    const { where, params, from } = this.whereFor(q);
    return this.db.prepare(`SELECT m.sha256 FROM ${from} ${where} ORDER BY ${ORDER[q.sort]}`).pluck().all(params) as string[];
  }

  /** How many rejected photos the query would show if rejected ones were shown: the desk says what it hides. */
  rejectedHidden(q: MediaListQuery): number {
    if (q.showRejected) return 0;
    const { where, params, from } = this.whereFor({ ...q, showRejected: true }, ['m.rejected = 1']);
    return (this.db.prepare(`SELECT count(*) AS n FROM ${from} ${where}`).get(params) as { n: number }).n;
  }

  private whereFor(q: MediaListQuery, extra: string[] = []): { where: string; params: Record<string, unknown>; from: string } {
    const conditions: string[] = [...extra];
    const params: Record<string, unknown> = {};
    const filter = FILTER[q.filter];
    if (filter) conditions.push(filter);
    // The culling filters combine with the checks, the search and every sort.
    if (q.minRating > 0) {
      conditions.push('m.rating >= @minRating');
      params.minRating = q.minRating;
    }
    if (q.label !== 'any') {
      conditions.push('m.label = @label');
      params.label = q.label;
    }
    if (q.taggedOnly) conditions.push('m.tagged = 1');
    if (!q.showRejected) conditions.push('m.rejected = 0');
    const fts = toFtsQuery(q.query);
    let from = 'media m';
    if (fts) {
      from = 'media_search s JOIN media m ON m.search_rowid = s.rowid';
      conditions.push('media_search MATCH @fts');
      params.fts = fts;
    }
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params, from };
  }
}

function toRow(row: Stored): MediaRow {
  let fields = emptyMediaFields();
  let facts: Partial<MediaFileFacts> = {};
  try {
    fields = { ...fields, ...(JSON.parse(row.fields) as Partial<MediaFields>) };
    facts = JSON.parse(row.facts) as Partial<MediaFileFacts>;
  } catch {
    // A damaged row is rebuilt from its document at the next start; show it empty meanwhile.
  }
  return {
    sha256: row.sha256,
    filename: row.filename,
    format: row.format,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    takenAt: facts.takenAt ?? '',
    importedAt: facts.importedAt ?? new Date(row.imported_ms).toISOString(),
    camera: facts.camera ?? '',
    lens: facts.lens ?? '',
    fields,
    missingAlt: row.missing_alt === 1,
    missingCredit: row.missing_credit === 1,
    overLimit: row.over_limit === 1,
    cull: { rating: row.rating, label: isCullLabel(row.label) ? row.label : 'none', tagged: row.tagged === 1, rejected: row.rejected === 1 },
  };
}
