import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';

/**
 * Tokens IT reported lost with their computer (`user lost NAME`). A lost
 * token is revoked like any other; this record only lets the server tell
 * the computer *why* when it next calls (`/api/me` answers 401
 * `device_lost`), so it removes the newsroom's stories and forgets the token.
 *
 * Kept beside the server's store, in the same database (its own table,
 * made by the store's schema steps, storage/schema.ts), so a backup of the
 * server database carries it too: the SQLite file under the data folder, or
 * PostgreSQL when DATABASE_URL is set. Open the store first.
 */
export interface LostDevices {
  /** Records these token hashes as lost (idempotent). */
  markLost(tokenHashes: string[], name: string, now: number): Promise<void>;
  /** When the token with this hash was reported lost, or null. */
  lostAt(tokenHash: string): Promise<number | null>;
  /** Every lost token hash, with when (for `user list`). */
  all(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function openLostDevices(options: { dataDir: string; databaseUrl?: string }): Promise<LostDevices> {
  return options.databaseUrl ? PostgresLostDevices.open(options.databaseUrl) : new SqliteLostDevices(options.dataDir);
}

class SqliteLostDevices implements LostDevices {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    // The store opened (and created) this file first.
    this.db = new Database(path.join(dataDir, 'lede-server.sqlite'));
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = FULL');
  }

  async markLost(tokenHashes: string[], name: string, now: number): Promise<void> {
    const insert = this.db.prepare('INSERT INTO lost_tokens (token_hash, user_name, lost_ms) VALUES (?, ?, ?) ON CONFLICT (token_hash) DO NOTHING');
    this.db.transaction(() => {
      for (const hash of tokenHashes) insert.run(hash, name, now);
    })();
  }

  async lostAt(tokenHash: string): Promise<number | null> {
    const row = this.db.prepare('SELECT lost_ms AS at FROM lost_tokens WHERE token_hash = ?').get(tokenHash) as { at: number } | undefined;
    return row?.at ?? null;
  }

  async all(): Promise<Map<string, number>> {
    const rows = this.db.prepare('SELECT token_hash AS hash, lost_ms AS at FROM lost_tokens').all() as Array<{ hash: string; at: number }>;
    return new Map(rows.map((row) => [row.hash, row.at]));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresLostDevices implements LostDevices {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresLostDevices> {
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    pool.on('error', () => undefined);
    return new PostgresLostDevices(pool);
  }

  async markLost(tokenHashes: string[], name: string, now: number): Promise<void> {
    for (const hash of tokenHashes) {
      await this.pool.query('INSERT INTO lede_lost_tokens (token_hash, user_name, lost_ms) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO NOTHING', [hash, name, now]);
    }
  }

  async lostAt(tokenHash: string): Promise<number | null> {
    const result = await this.pool.query('SELECT lost_ms FROM lede_lost_tokens WHERE token_hash = $1', [tokenHash]);
    return result.rows[0] ? Number(result.rows[0].lost_ms) : null;
  }

  async all(): Promise<Map<string, number>> {
    const result = await this.pool.query('SELECT token_hash, lost_ms FROM lede_lost_tokens');
    return new Map(result.rows.map((row: { token_hash: string; lost_ms: string }) => [row.token_hash, Number(row.lost_ms)]));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
