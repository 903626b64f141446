import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { LedeError } from '../../../shared/errors';
import { makePrivateFile } from '../files/private-files';
import { migrate, newerVersionMessage } from './migrate';
import type { Migration } from './migrations/migration';

export type { Database } from 'better-sqlite3-multiple-ciphers';

const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

/**
 * Opens the library database. An existing file's header and first page are
 * read as plain bytes first: a file that is not a database, a damaged header
 * or a database from a newer Lede is refused before SQLite opens it, so not a
 * byte is written and no journal files appear beside it.
 */
export function openDatabase(file: string, migrations: readonly Migration[]): Database.Database {
  if (fs.existsSync(file)) inspectHeader(file, migrations.at(-1)?.version ?? 0);
  let db: Database.Database | null = null;
  try {
    db = new Database(file);
    // Before the journal files exist: SQLite gives them the database file's mode.
    for (const part of [file, `${file}-wal`, `${file}-shm`]) makePrivateFile(part);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted content is overwritten, not left in free pages (a signed-out token, a purged story).
    db.pragma('secure_delete = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw asStoreError(error, file);
  }
}

/** Checks magic, page size, first-page b-tree type and schema version from the raw file. */
function inspectHeader(file: string, latest: number): void {
  const size = fs.statSync(file).size;
  if (size === 0) return; // SQLite treats an empty file as an empty database.
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES + 1);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read < HEADER_BYTES || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw corrupt(file, 'not an SQLite database');
    }
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw corrupt(file, 'damaged header');
    const version = header.readUInt32BE(60);
    if (version > latest) throw new LedeError('db_newer_version', newerVersionMessage(version, latest));
    // Page 1 holds the schema table: its b-tree page header follows the file header.
    const pageType = header[HEADER_BYTES];
    if (size >= pageSize && pageType !== 0x0d && pageType !== 0x05) throw corrupt(file, 'damaged first page');
  } finally {
    fs.closeSync(fd);
  }
}

/** Maps SQLite's "damaged file" errors to db_corrupt; everything else passes through. */
export function asStoreError(error: unknown, file: string): Error {
  if (error instanceof LedeError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return corrupt(file, (error as Error).message);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function corrupt(file: string, detail: string): LedeError {
  return new LedeError(
    'db_corrupt',
    `The library database ${file} is damaged (${detail}). Lede has not changed it. Restore it from a backup in the data folder's "backups" folder, or move it aside to start an empty library.`,
  );
}
