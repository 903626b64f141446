import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { DocKind } from '../../shared/documents/doc-names';
import { FileBlobStore } from '../media/file-blob-store';
import { configureServerConnection } from './sqlite-documents';
import { StoreWorker } from './store-worker-client';
import {
  UserExistsError,
  type CatalogRow,
  type CatalogRows,
  type MergeOutcome,
  type NewUser,
  type ServerStore,
  type StoredDocument,
  type UserRow,
} from './server-store';

const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  -- One row whose lock orders every change: the catalog's numbers follow commit order.
  CREATE TABLE catalog_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL) STRICT;
  INSERT INTO catalog_head (id, seq) VALUES (1, 0);
  CREATE TABLE documents (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'media')),
    state BLOB,
    version INTEGER NOT NULL,
    headline TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    updated_ms INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX documents_by_seq ON documents (seq);
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
    token_hash TEXT NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL,
    revoked_ms INTEGER
  ) STRICT;
  -- Names are unique among active accounts; revoked ones stay for the record.
  CREATE UNIQUE INDEX users_active_name ON users (name) WHERE revoked_ms IS NULL;
`;

interface DocumentRow {
  name: string;
  kind: DocKind;
  headline: string;
  status: string;
  updated_ms: number;
  deleted: number;
  version: number;
  seq: number;
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
        // Another process may have created it while this one waited for the lock.
        if ((this.db.pragma('user_version', { simple: true }) as number) >= SCHEMA_VERSION) return;
        this.db.exec(SCHEMA);
        this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('server_id', randomUUID());
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
    return row ? { state: row.state ? new Uint8Array(row.state) : null, version: row.version, deleted: row.deleted === 1 } : null;
  }

  async mergeDocument(name: string, kind: DocKind, update: Uint8Array | readonly Uint8Array[], now: number): Promise<MergeOutcome> {
    return this.writer.run({ op: 'sqlite-merge', file: this.file, name, kind, update, now });
  }

  async purgeDocument(name: string, now: number): Promise<boolean> {
    return this.writer.run({ op: 'sqlite-purge', file: this.file, name, now });
  }

  async catalog(since: number, limit: number): Promise<CatalogRows> {
    // One read transaction: the rows and the head come from the same moment.
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          'SELECT name, kind, headline, status, updated_ms, deleted, version, seq FROM documents WHERE seq > ? ORDER BY seq LIMIT ?',
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
        `SELECT name, kind, headline, status, updated_ms, deleted, version, seq FROM documents WHERE name IN (${names.map(() => '?').join(',')})`,
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
    const row = this.db.prepare('SELECT * FROM users WHERE token_hash = ?').get(tokenHash) as RawUser | undefined;
    return row ? toUser(row) : null;
  }

  async revokedUserIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const active = this.db
      .prepare(`SELECT id FROM users WHERE revoked_ms IS NULL AND id IN (${ids.map(() => '?').join(',')})`)
      .pluck()
      .all(...ids) as string[];
    const stillActive = new Set(active);
    return new Set(ids.filter((id) => !stillActive.has(id)));
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
  };
}
