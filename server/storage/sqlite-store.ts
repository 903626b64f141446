import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { DocKind } from '../../shared/documents/doc-names';
import { FileBlobStore } from '../media/file-blob-store';
import { SCHEMA_VERSION, stepsAfter } from './schema';
import { configureServerConnection } from './sqlite-documents';
import { StoreWorker } from './store-worker-client';
import {
  NotFoundError,
  UserExistsError,
  type CatalogRow,
  type AccountNow,
  type DeskRow,
  type CatalogRows,
  type Identity,
  type MergeOutcome,
  type NewUser,
  type PurgeOutcome,
  type RestoreOutcome,
  type ServerStore,
  type StoredDocument,
  type UserRow,
} from './server-store';

interface DocumentRow {
  name: string;
  kind: DocKind;
  headline: string;
  status: string;
  updated_ms: number;
  deleted: number;
  version: number;
  seq: number;
  desk: string | null;
}

/**
 * The embedded server database: one SQLite file under the data folder,
 * media files beside it. Reads run here; the writes that merge or purge a
 * document run on the store worker's own connection (WAL: readers here
 * never wait for it).
 */
export class SqliteServerStore implements ServerStore {
  readonly kind = 'sqlite' as const;
  readonly blobs: FileBlobStore;
  private readonly db: Database.Database;
  private readonly file: string;
  private readonly writer: StoreWorker;

  constructor(dataDir: string, options: { storeWorkerFile?: string | null } = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'lede-server.sqlite');
    this.db = new Database(this.file);
    configureServerConnection(this.db);
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`This server database was written by a newer Lede sync server (schema ${version}); update the server.`);
    }
    if (version < SCHEMA_VERSION) {
      this.db.transaction(() => {
        // Another process may have moved it on while this one waited for the lock.
        const current = this.db.pragma('user_version', { simple: true }) as number;
        for (const step of stepsAfter(current)) this.db.exec(step.sqlite);
        if (current === 0) this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('server_id', randomUUID());
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    }
    this.blobs = new FileBlobStore(path.join(dataDir, 'media'));
    this.writer = new StoreWorker(options.storeWorkerFile);
  }

  async serverId(): Promise<string> {
    return (this.db.prepare("SELECT value FROM meta WHERE key = 'server_id'").get() as { value: string }).value;
  }

  async loadDocument(name: string): Promise<StoredDocument | null> {
    const row = this.db.prepare('SELECT state, version, deleted FROM documents WHERE name = ?').get(name) as
      | { state: Buffer | null; version: number; deleted: number }
      | undefined;
    // A purged document's kept state is for a restore only: nothing else reads it.
    return row ? { state: row.state && !row.deleted ? new Uint8Array(row.state) : null, version: row.version, deleted: row.deleted === 1 } : null;
  }

  async mergeDocument(name: string, kind: DocKind, update: Uint8Array | readonly Uint8Array[], now: number): Promise<MergeOutcome> {
    return this.writer.run({ op: 'sqlite-merge', file: this.file, name, kind, update, now });
  }

  async purgeDocument(name: string, now: number): Promise<PurgeOutcome> {
    return this.writer.run({ op: 'sqlite-purge', file: this.file, name, now });
  }

  async restoreDocument(name: string, now: number, purgedSince: number): Promise<RestoreOutcome> {
    return this.db.transaction((): RestoreOutcome => {
      const row = this.db.prepare('SELECT deleted, purged_ms, state IS NOT NULL AS kept FROM documents WHERE name = ?').get(name) as
        | { deleted: number; purged_ms: number | null; kept: number }
        | undefined;
      if (!row) return { kind: 'unknown' };
      if (!row.deleted) return { kind: 'not_purged' };
      if (!row.kept || row.purged_ms === null || row.purged_ms < purgedSince) return { kind: 'expired', purgedMs: row.purged_ms };
      const seq = (this.db.prepare('SELECT seq FROM catalog_head WHERE id = 1').get() as { seq: number }).seq + 1;
      this.db.prepare('UPDATE catalog_head SET seq = ? WHERE id = 1').run(seq);
      this.db.prepare('UPDATE documents SET deleted = 0, purged_ms = NULL, version = version + 1, updated_ms = ?, seq = ? WHERE name = ?').run(now, seq, name);
      return { kind: 'restored', seq };
    }).immediate();
  }

  async dropExpiredPurges(purgedBefore: number): Promise<number> {
    // The tombstone keeps its catalog row and change number: laptops have nothing new to read.
    // Its history (schema step 5) goes with its state.
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM revisions WHERE document IN (SELECT name FROM documents WHERE purged_ms IS NOT NULL AND purged_ms < ?)').run(purgedBefore);
      return this.db.prepare('UPDATE documents SET state = NULL, purged_ms = NULL WHERE purged_ms IS NOT NULL AND purged_ms < ?').run(purgedBefore).changes;
    }).immediate();
  }

  async catalog(since: number, limit: number): Promise<CatalogRows> {
    // One read transaction: the rows and the head come from the same moment.
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          'SELECT name, kind, headline, status, updated_ms, deleted, version, seq, desk FROM documents WHERE seq > ? ORDER BY seq LIMIT ?',
        )
        .all(since, limit) as DocumentRow[];
      const head = (this.db.prepare('SELECT seq FROM catalog_head WHERE id = 1').get() as { seq: number }).seq;
      return { rows: rows.map(toCatalogRow), head };
    }).deferred();
  }

  async lookup(names: string[]): Promise<CatalogRow[]> {
    if (names.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT name, kind, headline, status, updated_ms, deleted, version, seq, desk FROM documents WHERE name IN (${names.map(() => '?').join(',')})`,
      )
      .all(...names) as DocumentRow[];
    return rows.map(toCatalogRow);
  }

  async addUser(user: NewUser): Promise<void> {
    try {
      this.db
        .prepare('INSERT INTO users (id, name, role, token_hash, created_ms) VALUES (?, ?, ?, ?, ?)')
        .run(user.id, user.name, user.role, user.tokenHash, user.createdMs);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UserExistsError(user.name);
      throw error;
    }
  }

  async revokeUser(name: string, now: number): Promise<boolean> {
    return this.db.prepare('UPDATE users SET revoked_ms = ? WHERE name = ? AND revoked_ms IS NULL').run(now, name).changes > 0;
  }

  async listUsers(): Promise<UserRow[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY name, created_ms').all() as RawUser[]).map(toUser);
  }

  async userByTokenHash(tokenHash: string): Promise<UserRow | null> {
    const row = (this.db.prepare('SELECT * FROM users WHERE token_hash = ?').get(tokenHash) ??
      this.db.prepare('SELECT u.id, u.name, u.role, t.token_hash, u.created_ms, u.revoked_ms FROM account_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?').get(tokenHash)) as
      | RawUser
      | undefined;
    return row ? toUser(row) : null;
  }

  async activeAccounts(ids: string[]): Promise<Map<string, AccountNow>> {
    if (ids.length === 0) return new Map();
    const marks = ids.map(() => '?').join(',');
    return this.db.transaction(() => {
      const active = this.db.prepare(`SELECT id, role FROM users WHERE revoked_ms IS NULL AND id IN (${marks})`).all(...ids) as Array<{ id: string; role: UserRow['role'] }>;
      const desks = this.db
        .prepare(`SELECT user_id, desk FROM desk_members WHERE user_id IN (${marks}) ORDER BY added_ms, desk`)
        .all(...ids) as Array<{ user_id: string; desk: string }>;
      return new Map(active.map((user) => [user.id, { role: user.role, desks: desks.filter((row) => row.user_id === user.id).map((row) => row.desk) }]));
    }).deferred();
  }

  async setRole(name: string, role: UserRow['role']): Promise<boolean> {
    return this.db.prepare('UPDATE users SET role = ? WHERE name = ? AND revoked_ms IS NULL').run(role, name).changes > 0;
  }

  async addDesk(name: string, now: number): Promise<boolean> {
    return this.db.prepare('INSERT INTO desks (name, created_ms) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, now).changes > 0;
  }

  async listDesks(): Promise<DeskRow[]> {
    const desks = this.db.prepare('SELECT name, created_ms FROM desks ORDER BY name').all() as Array<{ name: string; created_ms: number }>;
    const members = this.db
      .prepare(
        `SELECT m.desk, u.name FROM desk_members m JOIN users u ON u.id = m.user_id
         WHERE u.revoked_ms IS NULL ORDER BY u.name`,
      )
      .all() as Array<{ desk: string; name: string }>;
    return desks.map((desk) => ({
      name: desk.name,
      createdMs: desk.created_ms,
      members: members.filter((member) => member.desk === desk.name).map((member) => member.name),
    }));
  }

  async addDeskMember(desk: string, userName: string, now: number): Promise<void> {
    this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM desks WHERE name = ?').get(desk)) throw new NotFoundError(`There is no desk called "${desk}". Add it with: desk add "${desk}"`);
      const user = this.db.prepare('SELECT id FROM users WHERE name = ? AND revoked_ms IS NULL').get(userName) as { id: string } | undefined;
      if (!user) throw new NotFoundError(`There is no active account called "${userName}".`);
      this.db.prepare('INSERT INTO desk_members (desk, user_id, added_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(desk, user.id, now);
    }).immediate();
  }

  async removeDeskMember(desk: string, userName: string): Promise<boolean> {
    return (
      this.db
        .prepare('DELETE FROM desk_members WHERE desk = ? AND user_id IN (SELECT id FROM users WHERE name = ? AND revoked_ms IS NULL)')
        .run(desk, userName).changes > 0
    );
  }

  async desksOf(userId: string): Promise<string[]> {
    return this.db.prepare('SELECT desk FROM desk_members WHERE user_id = ? ORDER BY added_ms, desk').pluck().all(userId) as string[];
  }

  async userByIdentity(identity: Identity): Promise<UserRow | null> {
    const row = this.db
      .prepare('SELECT u.* FROM identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = ? AND i.claim = ? AND i.subject = ?')
      .get(identity.issuer, identity.claim, identity.subject) as RawUser | undefined;
    return row ? toUser(row) : null;
  }

  async linkIdentity(identity: Identity, userName: string, now: number): Promise<void> {
    this.db.transaction(() => {
      const user = this.db.prepare('SELECT id FROM users WHERE name = ? AND revoked_ms IS NULL').get(userName) as { id: string } | undefined;
      if (!user) throw new NotFoundError(`There is no active account called "${userName}".`);
      this.db
        .prepare(
          `INSERT INTO identities (issuer, claim, subject, user_id, created_ms) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (issuer, claim, subject) DO UPDATE SET user_id = excluded.user_id, created_ms = excluded.created_ms`,
        )
        .run(identity.issuer, identity.claim, identity.subject, user.id, now);
    }).immediate();
  }

  async addAccountToken(token: { userId: string; tokenHash: string; label: string; createdMs: number }): Promise<void> {
    this.db.prepare('INSERT INTO account_tokens (token_hash, user_id, label, created_ms) VALUES (?, ?, ?, ?)').run(token.tokenHash, token.userId, token.label, token.createdMs);
  }

  async tokenHashesOf(userId: string): Promise<string[]> {
    return this.db
      .prepare('SELECT token_hash FROM users WHERE id = ? UNION SELECT token_hash FROM account_tokens WHERE user_id = ?')
      .pluck()
      .all(userId, userId) as string[];
  }

  async close(): Promise<void> {
    await this.writer.close();
    this.db.close();
  }
}

interface RawUser {
  id: string;
  name: string;
  role: UserRow['role'];
  token_hash: string;
  created_ms: number;
  revoked_ms: number | null;
}

function toUser(row: RawUser): UserRow {
  return { id: row.id, name: row.name, role: row.role, tokenHash: row.token_hash, createdMs: row.created_ms, revokedMs: row.revoked_ms };
}

function toCatalogRow(row: DocumentRow): CatalogRow {
  return {
    name: row.name,
    kind: row.kind,
    headline: row.headline,
    status: row.status,
    updatedMs: row.updated_ms,
    deleted: row.deleted === 1,
    version: row.version,
    seq: row.seq,
    desk: row.desk,
  };
}
