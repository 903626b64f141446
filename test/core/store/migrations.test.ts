import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../shared/errors';
import { openDatabase } from '../../../electron/core/store/open-database';
import { migrate } from '../../../electron/core/store/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/store/migrations';
import type { Migration } from '../../../electron/core/store/migrations/migration';
import { dataPaths } from '../../../electron/core/paths';
import { connect, openTestCore, REPORTER } from '../../helpers/core';
import { sha256File } from '../../helpers/db-snapshot';
import { makeTempDir } from '../../helpers/temp-dir';
import { TEST_KEY, keyOf, openLibraryFile, decryptLibraryFile } from '../../helpers/library-key';
import { refusal } from '../../helpers/refusal';

const NEWER = 4242;

function freshFile(): string {
  return path.join(makeTempDir(), 'lede.sqlite');
}

function sidecars(file: string): string[] {
  return ['-wal', '-shm', '-journal'].map((suffix) => `${file}${suffix}`).filter((f) => fs.existsSync(f));
}

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}


/** A library written the way Lede writes it (encrypted, WAL, stories in it), closed cleanly. */
async function realLibrary(): Promise<{ dataDir: string; file: string }> {
  const core = openTestCore();
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  for (let i = 0; i < 3; i++) await client.call('article.create', { section: 'Politics' });
  await core.close();
  return { dataDir: core.dataDir, file: dataPaths(core.dataDir).database };
}

/** The same library as a Lede from before ADR 0051 left it: plain. */
async function plainLibrary(): Promise<{ dataDir: string; file: string }> {
  const library = await realLibrary();
  decryptLibraryFile(library.file);
  return library;
}

function withUserVersion(file: string, version: number): void {
  const db = openLibraryFile(file);
  db.pragma(`user_version = ${version}`);
  db.close();
}

function withPlainUserVersion(file: string, version: number): void {
  const db = new Database(file);
  db.pragma(`user_version = ${version}`);
  db.close();
}

function overwrite(file: string, offset: number, length: number): void {
  const bytes = fs.readFileSync(file);
  for (let i = offset; i < offset + length; i++) bytes[i] = (i * 131 + 7) & 0xff;
  fs.writeFileSync(file, bytes);
}

describe('a fresh library database', () => {
  it('is migrated to the latest schema with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(freshFile(), MIGRATIONS, TEST_KEY);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(tables(db)).toEqual(expect.arrayContaining(['documents', 'doc_updates', 'doc_snapshots', 'articles', 'article_search', 'people', 'settings']));
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys: an update for an unknown document is rejected', () => {
    const db = openDatabase(freshFile(), MIGRATIONS, TEST_KEY);
    try {
      expect(() => db.prepare('INSERT INTO doc_updates (doc_id, data, created_ms) VALUES (?, ?, 0)').run('article:nobody', Buffer.from([0, 0]))).toThrow(
        /FOREIGN KEY/i,
      );
    } finally {
      db.close();
    }
  });

  it('runs each migration once: reopening does not run them again', () => {
    const file = freshFile();
    const counting: Migration[] = [
      { version: 1, name: 'one', up: "CREATE TABLE runs (n TEXT); INSERT INTO runs VALUES ('one')" },
      { version: 2, name: 'two', up: (db) => void db.prepare("INSERT INTO runs VALUES ('two')").run() },
    ];
    openDatabase(file, counting, TEST_KEY).close();
    const db = openDatabase(file, counting, TEST_KEY);
    try {
      expect(db.prepare('SELECT n FROM runs ORDER BY rowid').pluck().all()).toEqual(['one', 'two']);
      expect(migrate(db, counting)).toEqual({ from: 2, to: 2 });
    } finally {
      db.close();
    }
  });
});

describe('migrations run in one transaction each', () => {
  const first: Migration = { version: 1, name: 'first', up: 'CREATE TABLE kept (x INTEGER)' };
  const failing: Array<[string, Migration]> = [
    ['SQL that fails half way', { version: 2, name: 'broken', up: 'CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1)' }],
    [
      'a function that throws after creating a table',
      {
        version: 2,
        name: 'broken',
        up: (db) => {
          db.exec('CREATE TABLE half (x INTEGER)');
          throw new Error('migration 2 failed');
        },
      },
    ],
  ];

  it.each(failing)('a failing second migration (%s) leaves version 1 and no half-created table', (_label, broken) => {
    const file = freshFile();
    expect(() => openDatabase(file, [first, broken], TEST_KEY)).toThrow();
    const db = openLibraryFile(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(tables(db)).toContain('kept');
      expect(tables(db)).not.toContain('half');
    } finally {
      db.close();
    }
    // Once the migration is fixed, the same file moves on from version 1.
    const fixed: Migration = { version: 2, name: 'fixed', up: 'CREATE TABLE half (x INTEGER)' };
    const reopened = openDatabase(file, [first, fixed], TEST_KEY);
    try {
      expect(reopened.pragma('user_version', { simple: true })).toBe(2);
      expect(tables(reopened)).toEqual(expect.arrayContaining(['kept', 'half']));
    } finally {
      reopened.close();
    }
  });
});

describe('a database from a newer Lede', () => {
  it.each([
    ['encrypted', realLibrary, withUserVersion],
    ['plain (before encryption)', plainLibrary, withPlainUserVersion],
  ] as const)('refuses an %s database from a newer Lede without touching the file', async (_label, library, setVersion) => {
    const { file } = await library();
    setVersion(file, NEWER);
    const before = sha256File(file);
    const error = refusal(() => openDatabase(file, MIGRATIONS, keyOf(file)));
    expect(error.code).toBe('db_newer_version');
    expect(error.message).toContain(String(NEWER));
    expect(error.message).toMatch(new RegExp(`\\b${LATEST_SCHEMA_VERSION}\\b`));
    expect(sha256File(file)).toBe(before);
  });

  it('refuses it through openCore too, with the code, and frees the folder', async () => {
    const { dataDir, file } = await realLibrary();
    withUserVersion(file, NEWER);
    const before = sha256File(file);
    for (let attempt = 0; attempt < 2; attempt++) {
      // The second attempt would say data_dir_locked if the first kept the lock.
      expect(refusal(() => openTestCore({ dataDir })).code).toBe('db_newer_version');
    }
    expect(sha256File(file)).toBe(before);
  });

  it('refuses a plain newer database before encrypting it, and creates no -wal, -shm or copy beside it', () => {
    const file = freshFile();
    const db = new Database(file);
    db.exec('CREATE TABLE future (x INTEGER)');
    db.pragma(`user_version = ${NEWER}`);
    db.close();
    const before = sha256File(file);
    expect(refusal(() => openDatabase(file, MIGRATIONS, TEST_KEY)).code).toBe('db_newer_version');
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['lede.sqlite']);
  });
});

describe('a damaged library database', () => {
  const schemaPage = (file: string) => {
    // Page 1 of Lede's schema is an interior page whose right child holds the schema rows.
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const child = bytes[100] === 0x05 ? bytes.readUInt32BE(108) : 1;
    overwrite(file, (child - 1) * pageSize + pageSize / 4, pageSize / 2);
  };
  const damages: Array<[string, () => Promise<{ dataDir: string; file: string }>, (file: string) => void]> = [
    ['text garbage instead of a database', realLibrary, (file) => fs.writeFileSync(file, 'Dear editor, this is not a database.\n'.repeat(300))],
    ['an encrypted file cut short (not a whole number of pages)', realLibrary, (file) => fs.truncateSync(file, fs.statSync(file).size - 1000)],
    ['a plain library with a damaged first page (b-tree header)', plainLibrary, (file) => overwrite(file, 100, 12)],
    ['a plain library with a damaged schema page', plainLibrary, schemaPage],
  ];

  it.each(damages)('refuses %s with db_corrupt and leaves the bytes as they were', async (_label, library, damage) => {
    const { file } = await library();
    damage(file);
    const before = sha256File(file);
    const error = refusal(() => openDatabase(file, MIGRATIONS, keyOf(file)));
    expect(error.code).toBe('db_corrupt');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/backup/i);
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).filter((name) => name.startsWith('lede.sqlite.'))).toEqual([]);
  });

  it.each(damages)('refuses %s through openCore, with the code, and frees the folder', async (_label, library, damage) => {
    const { dataDir, file } = await library();
    damage(file);
    const before = sha256File(file);
    for (let attempt = 0; attempt < 2; attempt++) expect(refusal(() => openTestCore({ dataDir })).code).toBe('db_corrupt');
    expect(sha256File(file)).toBe(before);
  });

  // Bytes alone cannot tell a damaged first page of an encrypted file from another library's key: the message says both.
  it.each([
    ['an encrypted library whose first page (salt) is overwritten', realLibrary, (file: string) => overwrite(file, 0, 16)],
    ['a plain library whose header magic is overwritten (it reads as encrypted)', plainLibrary, (file: string) => overwrite(file, 0, 16)],
  ] as const)('refuses %s with db_key_wrong, naming damage and backups, untouched', async (_label, library, damage) => {
    const { dataDir, file } = await library();
    damage(file);
    const before = sha256File(file);
    const error = refusal(() => openTestCore({ dataDir }));
    expect(error.code).toBe('db_key_wrong');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/damaged/);
    expect(error.message).toMatch(/backup/i);
    expect(sha256File(file)).toBe(before);
  });

  it('refuses a library whose story table is damaged with db_corrupt, and frees the folder', async () => {
    const { dataDir, file } = await realLibrary();
    const probe = openLibraryFile(file, { readonly: true });
    const root = probe.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'documents'").pluck().get() as number;
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    overwrite(file, (root - 1) * pageSize + 8, pageSize - 8);
    const before = sha256File(file);
    // Core reads every story's row at start (stale-row recovery): the damage
    // must come back as db_corrupt, not as a raw SQLite error, and must not
    // leave the folder locked by a half-opened core.
    for (let attempt = 0; attempt < 2; attempt++) expect(refusal(() => openTestCore({ dataDir })).code).toBe('db_corrupt');
    expect(sha256File(file)).toBe(before);
  });
});

describe('refusing a file leaves nothing beside it', () => {
  // A database Lede wrote is in WAL mode; a read-only look at such a file
  // makes SQLite create -wal and -shm files that a refused open leaves behind.
  const cases: Array<[string, (file: string) => void]> = [
    ['a plain newer-version database', (file) => withPlainUserVersion(file, NEWER)],
    ['a plain database with a damaged first page', (file) => overwrite(file, 100, 12)],
  ];

  it.each(cases)('leaves no -wal or -shm file beside %s', async (_label, prepare) => {
    const { file } = await plainLibrary();
    prepare(file);
    expect(sidecars(file)).toEqual([]);
    expect(() => openDatabase(file, MIGRATIONS, keyOf(file))).toThrow(LedeError);
    expect(sidecars(file)).toEqual([]);
  });
});

describe('migration 006: the newsroom’s history', () => {
  it('gives every existing checkpoint its own key, marks it not sent yet, and keeps it', () => {
    const file = freshFile();
    const before = openDatabase(file, MIGRATIONS.filter((migration) => migration.version < 6), TEST_KEY);
    before.prepare("INSERT INTO documents (id, kind, created_ms, updated_ms) VALUES ('article:a', 'article', 1, 1)").run();
    const insert = before.prepare("INSERT INTO revisions (doc_id, created_ms, author, reason, status, content, content_hash) VALUES ('article:a', ?, 'Richard Connor', 'editing', 'draft', ?, ?)");
    for (let i = 0; i < 3; i++) insert.run(i, `{"n":${i}}`, `hash-${i}`);
    before.close();

    const after = openDatabase(file, MIGRATIONS, TEST_KEY);
    try {
      const rows = after.prepare('SELECT rev_key AS key, shared, author, content FROM revisions ORDER BY id').all() as Array<{ key: string; shared: number; author: string; content: string }>;
      expect(rows.map((row) => [row.shared, row.author, row.content])).toEqual([0, 1, 2].map((i) => [0, 'Richard Connor', `{"n":${i}}`]));
      for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(rows.map((row) => row.key)).size).toBe(3);
      expect(tables(after)).toContain('revision_cursors');
    } finally {
      after.close();
    }
  });
});
