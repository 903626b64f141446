import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import type { ArchivedRevision, RevisionPage, SharedRevision } from '../../shared/revisions/newsroom-history';
import type { AuditAccount } from '../audit/audit-log';

/**
 * The newsroom's story history (ADR 0065): the checkpoints every laptop
 * took, kept in the server's database (schema step 5) so every server
 * process serves the same history and a backup carries it. Each is stored
 * under the account that sent it; a key already stored is left as it is
 * (a laptop resending after a lost answer, or someone else's copy).
 */
export interface RevisionArchive {
  /** Stores a checkpoint; false when its key was already stored (nothing changes). */
  add(document: string, account: AuditAccount, revision: SharedRevision, nowMs: number): Promise<boolean>;
  /** A story's checkpoints in the order the server stored them, after `after`. */
  forDocument(document: string, query: { after: number; limit: number }): Promise<RevisionPage>;
  close(): Promise<void>;
}

export async function openRevisionArchive(options: { dataDir: string; databaseUrl?: string }): Promise<RevisionArchive> {
  return options.databaseUrl ? new PostgresRevisionArchive(options.databaseUrl) : new SqliteRevisionArchive(options.dataDir);
}

interface RevisionRow {
  id: number | string;
  rev_key: string;
  account_name: string;
  created_at: string;
  reason: ArchivedRevision['reason'];
  detail: string;
  content: string;
}

const COLUMNS = 'id, rev_key, account_name, created_at, reason, detail, content';

function toPage(rows: RevisionRow[], limit: number): RevisionPage {
  // One row more than asked for says whether there is a next page.
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => ({
      id: Number(row.id),
      key: row.rev_key,
      author: row.account_name,
      createdAt: row.created_at,
      reason: row.reason,
      detail: row.detail,
      story: JSON.parse(row.content) as ArchivedRevision['story'],
    })),
    cursor: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
  };
}

class SqliteRevisionArchive implements RevisionArchive {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    // The store opened (and created) this file first.
    this.db = new Database(path.join(dataDir, 'lede-server.sqlite'), { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = FULL');
  }

  async add(document: string, account: AuditAccount, revision: SharedRevision, nowMs: number): Promise<boolean> {
    const result = this.db
      .prepare(
        'INSERT INTO revisions (document, rev_key, account_id, account_name, created_at, stored_ms, reason, detail, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rev_key) DO NOTHING',
      )
      .run(document, revision.key, account.id, account.name, revision.createdAt, nowMs, revision.reason, revision.detail, JSON.stringify(revision.story));
    return result.changes > 0;
  }

  async forDocument(document: string, query: { after: number; limit: number }): Promise<RevisionPage> {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM revisions WHERE document = ? AND id > ? ORDER BY id LIMIT ?`)
      .all(document, query.after, query.limit + 1) as RevisionRow[];
    return toPage(rows, query.limit);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresRevisionArchive implements RevisionArchive {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection (database restarted) must not take the server down; the next query says so.
    this.pool.on('error', () => undefined);
  }

  async add(document: string, account: AuditAccount, revision: SharedRevision, nowMs: number): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO lede_revisions (document, rev_key, account_id, account_name, created_at, stored_ms, reason, detail, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (rev_key) DO NOTHING',
      [document, revision.key, account.id, account.name, revision.createdAt, nowMs, revision.reason, revision.detail, JSON.stringify(revision.story)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async forDocument(document: string, query: { after: number; limit: number }): Promise<RevisionPage> {
    const result = await this.pool.query(`SELECT ${COLUMNS} FROM lede_revisions WHERE document = $1 AND id > $2 ORDER BY id LIMIT $3`, [
      document,
      query.after,
      query.limit + 1,
    ]);
    return toPage(result.rows as RevisionRow[], query.limit);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
