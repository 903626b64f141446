import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import pg from 'pg';
import type { DocKind } from '../../shared/documents/doc-names';
import type { ServerLog } from '../log';
import {
  NotFoundError,
  UserExistsError,
  type BlobStore,
  type AccountNow,
  type DeskRow,
  type CatalogRow,
  type Identity,
  type CatalogRows,
  type MergeOutcome,
  type NewUser,
  type PurgeOutcome,
  type RestoreOutcome,
  type ServerStore,
  type StoredDocument,
  type UserRow,
} from './server-store';
import { summarizeState } from './merge-state';
import { SCHEMA_VERSION, stepsAfter } from './schema';
import { StoreWorker } from './store-worker-client';

// Any fixed number: the advisory lock that lets only one process move the schema on.
const SCHEMA_LOCK = 0x1ede;

const CATALOG_COLUMNS = 'name, kind, headline, status, updated_ms, deleted, version, seq, desk';

/**
 * The server database on PostgreSQL (`DATABASE_URL`), for newsrooms that run
 * several server processes. Every merge takes the catalog-head row lock
 * first (SELECT … FOR UPDATE), which serializes merges across processes:
 * no two can merge from the same old state, and change numbers follow
 * commit order so a catalog reader never skips one.
 */
export class PostgresServerStore implements ServerStore {
  readonly kind = 'postgres' as const;
  readonly blobs: BlobStore;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly merger: StoreWorker,
  ) {
    this.blobs = new PostgresBlobStore(pool);
  }

  static async open(url: string, log: ServerLog, options: { storeWorkerFile?: string | null } = {}): Promise<PostgresServerStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection (database restarted) must not take the server down.
    pool.on('error', (error) => log.warn('database connection lost', { error: error.message }));
    const store = new PostgresServerStore(pool, new StoreWorker(options.storeWorkerFile));
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      const exists = await client.query("SELECT to_regclass('lede_meta') IS NOT NULL AS present");
      const current = exists.rows[0].present
        ? Number((await client.query("SELECT value FROM lede_meta WHERE key = 'schema_version'")).rows[0]?.value ?? 0)
        : 0;
      if (current > SCHEMA_VERSION) {
        throw new Error(`This server database was written by a newer Lede sync server (schema ${current}); update the server.`);
      }
      if (current === SCHEMA_VERSION) return;
      for (const step of stepsAfter(current)) await client.query(step.postgres);
      if (current === 0) {
        await client.query("INSERT INTO lede_meta (key, value) VALUES ('server_id', $1), ('schema_version', $2)", [randomUUID(), String(SCHEMA_VERSION)]);
      } else {
        await client.query("UPDATE lede_meta SET value = $1 WHERE key = 'schema_version'", [String(SCHEMA_VERSION)]);
      }
    });
  }

  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async serverId(): Promise<string> {
    const result = await this.pool.query("SELECT value FROM lede_meta WHERE key = 'server_id'");
    return result.rows[0].value as string;
  }

  async loadDocument(name: string): Promise<StoredDocument | null> {
    const result = await this.pool.query('SELECT state, version, deleted FROM lede_documents WHERE name = $1', [name]);
    const row = result.rows[0] as { state: Buffer | null; version: string; deleted: boolean } | undefined;
    // A purged document's kept state is for a restore only: nothing else reads it.
    return row ? { state: row.state && !row.deleted ? new Uint8Array(row.state) : null, version: Number(row.version), deleted: row.deleted } : null;
  }

  async mergeDocument(name: string, kind: DocKind, update: Uint8Array | readonly Uint8Array[], now: number): Promise<MergeOutcome> {
    return this.transaction(async (client): Promise<MergeOutcome> => {
      const head = Number((await client.query('SELECT seq FROM lede_catalog_head WHERE id = 1 FOR UPDATE')).rows[0].seq);
      const found = await client.query('SELECT state, version, deleted, seq FROM lede_documents WHERE name = $1', [name]);
      const row = found.rows[0] as { state: Buffer | null; version: string; deleted: boolean; seq: string } | undefined;
      if (row?.deleted) return { kind: 'deleted' };
      // Off the event loop: for the largest story a newsroom allows this takes hundreds of milliseconds.
      const merged = await this.merger.run({ op: 'merge-state', stored: row?.state ? new Uint8Array(row.state) : null, update, kind });
      if (!merged.changed && row) {
        return {
          kind: 'stored',
          version: Number(row.version),
          snapshot: merged.snapshot,
          seq: Number(row.seq),
          changed: false,
          stateBytes: merged.stateBytes,
          before: merged.before,
          after: merged.after,
        };
      }
      const seq = head + 1;
      const version = Number(row?.version ?? 0) + 1;
      await client.query('UPDATE lede_catalog_head SET seq = $1 WHERE id = 1', [seq]);
      await client.query(
        `INSERT INTO lede_documents (name, kind, state, version, headline, status, updated_ms, deleted, seq, desk)
         VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8, $9)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, version = excluded.version, headline = excluded.headline,
           status = excluded.status, updated_ms = excluded.updated_ms, seq = excluded.seq, desk = excluded.desk`,
        [name, kind, Buffer.from(merged.state), version, merged.headline, merged.status, now, seq, merged.desk],
      );
      return { kind: 'stored', version, snapshot: merged.snapshot, seq, changed: true, stateBytes: merged.stateBytes, before: merged.before, after: merged.after };
    });
  }

  async purgeDocument(name: string, now: number): Promise<PurgeOutcome> {
    return this.transaction(async (client): Promise<PurgeOutcome> => {
      const head = Number((await client.query('SELECT seq FROM lede_catalog_head WHERE id = 1 FOR UPDATE')).rows[0].seq);
      const found = await client.query('SELECT kind, state, deleted FROM lede_documents WHERE name = $1', [name]);
      const row = found.rows[0] as { kind: DocKind; state: Buffer | null; deleted: boolean } | undefined;
      if (!row) return { kind: 'unknown' };
      if (row.deleted) return { kind: 'already_purged' };
      if (!row.state || summarizeState(new Uint8Array(row.state), row.kind).trashedAt === null) return { kind: 'not_trashed' };
      await client.query('UPDATE lede_catalog_head SET seq = $1 WHERE id = 1', [head + 1]);
      // The state stays until the retention sweep: a purge can be undone (ADR 0059).
      await client.query('UPDATE lede_documents SET deleted = true, purged_ms = $1, version = version + 1, updated_ms = $1, seq = $2 WHERE name = $3', [
        now,
        head + 1,
        name,
      ]);
      return { kind: 'purged', seq: head + 1 };
    });
  }

  async restoreDocument(name: string, now: number, purgedSince: number): Promise<RestoreOutcome> {
    return this.transaction(async (client): Promise<RestoreOutcome> => {
      const head = Number((await client.query('SELECT seq FROM lede_catalog_head WHERE id = 1 FOR UPDATE')).rows[0].seq);
      const found = await client.query('SELECT deleted, purged_ms, state IS NOT NULL AS kept FROM lede_documents WHERE name = $1', [name]);
      const row = found.rows[0] as { deleted: boolean; purged_ms: string | null; kept: boolean } | undefined;
      if (!row) return { kind: 'unknown' };
      if (!row.deleted) return { kind: 'not_purged' };
      const purgedMs = row.purged_ms === null ? null : Number(row.purged_ms);
      if (!row.kept || purgedMs === null || purgedMs < purgedSince) return { kind: 'expired', purgedMs };
      await client.query('UPDATE lede_catalog_head SET seq = $1 WHERE id = 1', [head + 1]);
      await client.query('UPDATE lede_documents SET deleted = false, purged_ms = NULL, version = version + 1, updated_ms = $1, seq = $2 WHERE name = $3', [
        now,
        head + 1,
        name,
      ]);
      return { kind: 'restored', seq: head + 1 };
    });
  }

  async dropExpiredPurges(purgedBefore: number): Promise<number> {
    // The tombstone keeps its catalog row and change number: laptops have nothing new to read.
    // Its history (schema step 5) goes with its state, in one statement.
    const result = await this.pool.query(
      `WITH expired AS (UPDATE lede_documents SET state = NULL, purged_ms = NULL WHERE purged_ms IS NOT NULL AND purged_ms < $1 RETURNING name),
            forgotten AS (DELETE FROM lede_revisions WHERE document IN (SELECT name FROM expired))
       SELECT count(*) AS n FROM expired`,
      [purgedBefore],
    );
    return Number(result.rows[0].n);
  }

  async catalog(since: number, limit: number): Promise<CatalogRows> {
    // REPEATABLE READ: the rows and the head come from the same snapshot.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const rows = await client.query(`SELECT ${CATALOG_COLUMNS} FROM lede_documents WHERE seq > $1 ORDER BY seq LIMIT $2`, [since, limit]);
      const head = await client.query('SELECT seq FROM lede_catalog_head WHERE id = 1');
      await client.query('COMMIT');
      return { rows: rows.rows.map(toCatalogRow), head: Number(head.rows[0].seq) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async lookup(names: string[]): Promise<CatalogRow[]> {
    if (names.length === 0) return [];
    const result = await this.pool.query(`SELECT ${CATALOG_COLUMNS} FROM lede_documents WHERE name = ANY($1)`, [names]);
    return result.rows.map(toCatalogRow);
  }

  async addUser(user: NewUser): Promise<void> {
    try {
      await this.pool.query('INSERT INTO lede_users (id, name, role, token_hash, created_ms) VALUES ($1, $2, $3, $4, $5)', [
        user.id,
        user.name,
        user.role,
        user.tokenHash,
        user.createdMs,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new UserExistsError(user.name);
      throw error;
    }
  }

  async revokeUser(name: string, now: number): Promise<boolean> {
    const result = await this.pool.query('UPDATE lede_users SET revoked_ms = $1 WHERE name = $2 AND revoked_ms IS NULL', [now, name]);
    return (result.rowCount ?? 0) > 0;
  }

  async listUsers(): Promise<UserRow[]> {
    const result = await this.pool.query('SELECT * FROM lede_users ORDER BY name, created_ms');
    return result.rows.map(toUser);
  }

  async userByTokenHash(tokenHash: string): Promise<UserRow | null> {
    const result = await this.pool.query(
      `SELECT id, name, role, token_hash, created_ms, revoked_ms FROM lede_users WHERE token_hash = $1
       UNION ALL
       SELECT u.id, u.name, u.role, t.token_hash, u.created_ms, u.revoked_ms FROM lede_account_tokens t JOIN lede_users u ON u.id = t.user_id WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return result.rows[0] ? toUser(result.rows[0]) : null;
  }

  async activeAccounts(ids: string[]): Promise<Map<string, AccountNow>> {
    if (ids.length === 0) return new Map();
    const active = await this.pool.query('SELECT id, role FROM lede_users WHERE revoked_ms IS NULL AND id = ANY($1)', [ids]);
    const desks = await this.pool.query('SELECT user_id, desk FROM lede_desk_members WHERE user_id = ANY($1) ORDER BY added_ms, desk', [ids]);
    return new Map(
      active.rows.map((user: { id: string; role: UserRow['role'] }) => [
        user.id,
        { role: user.role, desks: desks.rows.filter((row: { user_id: string }) => row.user_id === user.id).map((row: { desk: string }) => row.desk) },
      ]),
    );
  }

  async setRole(name: string, role: UserRow['role']): Promise<boolean> {
    const result = await this.pool.query('UPDATE lede_users SET role = $1 WHERE name = $2 AND revoked_ms IS NULL', [role, name]);
    return (result.rowCount ?? 0) > 0;
  }

  async addDesk(name: string, now: number): Promise<boolean> {
    const result = await this.pool.query('INSERT INTO lede_desks (name, created_ms) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, now]);
    return (result.rowCount ?? 0) > 0;
  }

  async listDesks(): Promise<DeskRow[]> {
    const desks = await this.pool.query('SELECT name, created_ms FROM lede_desks ORDER BY name');
    const members = await this.pool.query(
      `SELECT m.desk, u.name FROM lede_desk_members m JOIN lede_users u ON u.id = m.user_id
       WHERE u.revoked_ms IS NULL ORDER BY u.name`,
    );
    return desks.rows.map((desk: { name: string; created_ms: string }) => ({
      name: desk.name,
      createdMs: Number(desk.created_ms),
      members: members.rows.filter((member: { desk: string }) => member.desk === desk.name).map((member: { name: string }) => member.name),
    }));
  }

  async addDeskMember(desk: string, userName: string, now: number): Promise<void> {
    await this.transaction(async (client) => {
      if ((await client.query('SELECT 1 FROM lede_desks WHERE name = $1', [desk])).rowCount === 0) {
        throw new NotFoundError(`There is no desk called "${desk}". Add it with: desk add "${desk}"`);
      }
      const user = await client.query('SELECT id FROM lede_users WHERE name = $1 AND revoked_ms IS NULL', [userName]);
      if (user.rowCount === 0) throw new NotFoundError(`There is no active account called "${userName}".`);
      await client.query('INSERT INTO lede_desk_members (desk, user_id, added_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [desk, user.rows[0].id, now]);
    });
  }

  async removeDeskMember(desk: string, userName: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM lede_desk_members WHERE desk = $1 AND user_id IN (SELECT id FROM lede_users WHERE name = $2 AND revoked_ms IS NULL)',
      [desk, userName],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async desksOf(userId: string): Promise<string[]> {
    const result = await this.pool.query('SELECT desk FROM lede_desk_members WHERE user_id = $1 ORDER BY added_ms, desk', [userId]);
    return result.rows.map((row: { desk: string }) => row.desk);
  }

  async userByIdentity(identity: Identity): Promise<UserRow | null> {
    const result = await this.pool.query(
      'SELECT u.* FROM lede_identities i JOIN lede_users u ON u.id = i.user_id WHERE i.issuer = $1 AND i.claim = $2 AND i.subject = $3',
      [identity.issuer, identity.claim, identity.subject],
    );
    return result.rows[0] ? toUser(result.rows[0]) : null;
  }

  async linkIdentity(identity: Identity, userName: string, now: number): Promise<void> {
    await this.transaction(async (client) => {
      const user = await client.query('SELECT id FROM lede_users WHERE name = $1 AND revoked_ms IS NULL', [userName]);
      if (user.rowCount === 0) throw new NotFoundError(`There is no active account called "${userName}".`);
      await client.query(
        `INSERT INTO lede_identities (issuer, claim, subject, user_id, created_ms) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (issuer, claim, subject) DO UPDATE SET user_id = excluded.user_id, created_ms = excluded.created_ms`,
        [identity.issuer, identity.claim, identity.subject, user.rows[0].id, now],
      );
    });
  }

  async addAccountToken(token: { userId: string; tokenHash: string; label: string; createdMs: number }): Promise<void> {
    await this.pool.query('INSERT INTO lede_account_tokens (token_hash, user_id, label, created_ms) VALUES ($1, $2, $3, $4)', [
      token.tokenHash,
      token.userId,
      token.label,
      token.createdMs,
    ]);
  }

  async tokenHashesOf(userId: string): Promise<string[]> {
    const result = await this.pool.query('SELECT token_hash FROM lede_users WHERE id = $1 UNION SELECT token_hash FROM lede_account_tokens WHERE user_id = $1', [userId]);
    return result.rows.map((row: { token_hash: string }) => row.token_hash);
  }

  async close(): Promise<void> {
    await this.merger.close();
    await this.pool.end();
  }
}

/** Media bytes in the database, so every server process behind the load balancer sees them. */
class PostgresBlobStore implements BlobStore {
  constructor(private readonly pool: pg.Pool) {}

  async has(sha256: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM lede_media WHERE sha256 = $1', [sha256]);
    return (result.rowCount ?? 0) > 0;
  }

  async put(sha256: string, verifiedFile: string, size: number): Promise<void> {
    try {
      const data = await fs.promises.readFile(verifiedFile);
      await this.pool.query(
        'INSERT INTO lede_media (sha256, size, data, created_ms) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
        [sha256, size, data, Date.now()],
      );
    } finally {
      await fs.promises.rm(verifiedFile, { force: true });
    }
  }

  async open(sha256: string) {
    const result = await this.pool.query('SELECT size, data FROM lede_media WHERE sha256 = $1', [sha256]);
    const row = result.rows[0] as { size: string; data: Buffer } | undefined;
    return row ? { size: Number(row.size), stream: Readable.from([row.data]) } : null;
  }
}

function toUser(row: { id: string; name: string; role: UserRow['role']; token_hash: string; created_ms: string; revoked_ms: string | null }): UserRow {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    tokenHash: row.token_hash,
    createdMs: Number(row.created_ms),
    revokedMs: row.revoked_ms === null ? null : Number(row.revoked_ms),
  };
}

function toCatalogRow(row: {
  name: string;
  kind: DocKind;
  headline: string;
  status: string;
  updated_ms: string;
  deleted: boolean;
  version: string;
  seq: string;
  desk: string | null;
}): CatalogRow {
  return {
    name: row.name,
    kind: row.kind,
    headline: row.headline,
    status: row.status,
    updatedMs: Number(row.updated_ms),
    deleted: row.deleted,
    version: Number(row.version),
    seq: Number(row.seq),
    desk: row.desk,
  };
}
