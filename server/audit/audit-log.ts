import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import type { AuditEntry, AuditKind } from '../../shared/sync-protocol';

/** Who did something, as the server's accounts name them. */
export interface AuditAccount {
  id: string;
  name: string;
}

/** One thing an account did to a document. `from`/`to`: a status or desk before and after (null where it had none). */
export interface AuditEvent {
  document: string;
  account: AuditAccount;
  atMs: number;
  kind: AuditKind;
  from?: string | null;
  to?: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back as `after` for the next page; null when this was the last. */
  cursor: number | null;
}

export interface AuditQuery {
  limit: number;
  /** The cursor of the page before (entries after it). */
  after?: number;
}

/**
 * The audit trail: who changed which document, when, and how. Kept in the
 * server's database (its own table, made by the store's schema step 4), so
 * every server process writes to and reads the same trail and a backup
 * carries it. Open the store first: it creates the table.
 */
export interface AuditLog {
  record(events: readonly AuditEvent[]): Promise<void>;
  /** A document's trail, oldest first. */
  forDocument(document: string, query: AuditQuery): Promise<AuditPage>;
  /** What an account (by name: revoked and current accounts of that name alike) did since a moment, oldest first. */
  forAccount(accountName: string, query: AuditQuery & { sinceMs: number }): Promise<AuditPage>;
  /** How many purges an account made since a moment (the purge rate limit counts here, across server processes). */
  purgesSince(accountId: string, sinceMs: number): Promise<number>;
  close(): Promise<void>;
}

export async function openAuditLog(options: { dataDir: string; databaseUrl?: string }): Promise<AuditLog> {
  return options.databaseUrl ? new PostgresAuditLog(options.databaseUrl) : new SqliteAuditLog(options.dataDir);
}

interface AuditRow {
  id: number | string;
  document: string;
  account_name: string;
  at_ms: number | string;
  kind: AuditKind;
  from_value: string | null;
  to_value: string | null;
}

function toPage(rows: AuditRow[], limit: number): AuditPage {
  // One row more than asked for says whether there is a next page.
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => ({
      id: Number(row.id),
      document: row.document,
      account: row.account_name,
      at: new Date(Number(row.at_ms)).toISOString(),
      kind: row.kind,
      from: row.from_value,
      to: row.to_value,
    })),
    cursor: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
  };
}

const COLUMNS = 'id, document, account_name, at_ms, kind, from_value, to_value';

class SqliteAuditLog implements AuditLog {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    // The store opened (and created) this file first.
    this.db = new Database(path.join(dataDir, 'lede-server.sqlite'), { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = FULL');
  }

  async record(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const insert = this.db.prepare(
      'INSERT INTO audit_events (document, account_id, account_name, at_ms, kind, from_value, to_value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const event of events) insert.run(event.document, event.account.id, event.account.name, event.atMs, event.kind, event.from ?? null, event.to ?? null);
    }).immediate();
  }

  async forDocument(document: string, query: AuditQuery): Promise<AuditPage> {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM audit_events WHERE document = ? AND id > ? ORDER BY id LIMIT ?`)
      .all(document, query.after ?? 0, query.limit + 1) as AuditRow[];
    return toPage(rows, query.limit);
  }

  async forAccount(accountName: string, query: AuditQuery & { sinceMs: number }): Promise<AuditPage> {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM audit_events WHERE account_name = ? AND at_ms >= ? AND id > ? ORDER BY id LIMIT ?`)
      .all(accountName, query.sinceMs, query.after ?? 0, query.limit + 1) as AuditRow[];
    return toPage(rows, query.limit);
  }

  async purgesSince(accountId: string, sinceMs: number): Promise<number> {
    return this.db.prepare("SELECT count(*) FROM audit_events WHERE account_id = ? AND kind = 'purge' AND at_ms >= ?").pluck().get(accountId, sinceMs) as number;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresAuditLog implements AuditLog {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection (database restarted) must not take the server down; the next query says so.
    this.pool.on('error', () => undefined);
  }

  async record(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One statement: the events of one store go in together or not at all.
    const values: unknown[] = [];
    const rows = events.map((event, index) => {
      values.push(event.document, event.account.id, event.account.name, event.atMs, event.kind, event.from ?? null, event.to ?? null);
      const base = index * 7;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7})`;
    });
    await this.pool.query(`INSERT INTO lede_audit_events (document, account_id, account_name, at_ms, kind, from_value, to_value) VALUES ${rows.join(', ')}`, values);
  }

  async forDocument(document: string, query: AuditQuery): Promise<AuditPage> {
    const result = await this.pool.query(`SELECT ${COLUMNS} FROM lede_audit_events WHERE document = $1 AND id > $2 ORDER BY id LIMIT $3`, [
      document,
      query.after ?? 0,
      query.limit + 1,
    ]);
    return toPage(result.rows as AuditRow[], query.limit);
  }

  async forAccount(accountName: string, query: AuditQuery & { sinceMs: number }): Promise<AuditPage> {
    const result = await this.pool.query(
      `SELECT ${COLUMNS} FROM lede_audit_events WHERE account_name = $1 AND at_ms >= $2 AND id > $3 ORDER BY id LIMIT $4`,
      [accountName, query.sinceMs, query.after ?? 0, query.limit + 1],
    );
    return toPage(result.rows as AuditRow[], query.limit);
  }

  async purgesSince(accountId: string, sinceMs: number): Promise<number> {
    const result = await this.pool.query("SELECT count(*) AS n FROM lede_audit_events WHERE account_id = $1 AND kind = 'purge' AND at_ms >= $2", [accountId, sinceMs]);
    return Number(result.rows[0].n);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
