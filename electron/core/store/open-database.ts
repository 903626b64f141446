import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { LedeError } from '../../../shared/errors';
import { makePrivateFile } from '../files/private-files';
import { openKeyed } from './cipher';
import { damagedLibrary } from './library-errors';
import { libraryFileKind, type LibraryKey } from './library-file';
import { encryptPlainLibrary, recoverInterruptedEncryption, removeKeptPlainLibrary, type EncryptionStep } from './encrypt-library';
import { migrate, newerVersionMessage } from './migrate';
import type { Migration } from './migrations/migration';

export type { Database } from 'better-sqlite3-multiple-ciphers';
export type { LibraryKey } from './library-file';

const HEADER_BYTES = 100;

export interface OpenDatabaseOptions {
  /** Told each step of encrypting a plain library (the log; tests that stop the process between steps). */
  onEncryptionStep?: (step: EncryptionStep) => void;
  /** Told when a start removed the plain original an earlier start's encryption kept. */
  onKeptPlainRemoved?: () => void;
}

/**
 * Opens the library database, encrypted with `key` (ADR 0051). A plain
 * library from an older Lede is encrypted first (encrypt-library.ts); its
 * header and first page are read as plain bytes before that, so a damaged
 * file or one from a newer Lede is refused untouched. An encrypted file
 * that the key does not open is refused untouched too.
 */
export function openDatabase(file: string, migrations: readonly Migration[], key: LibraryKey, options: OpenDatabaseOptions = {}): Database.Database {
  const latest = migrations.at(-1)?.version ?? 0;
  recoverInterruptedEncryption(file);
  const kind = libraryFileKind(file);
  if (kind === 'damaged') throw damagedLibrary(file, 'not an SQLite database');
  let encryptedNow = false;
  if (kind === 'plain') {
    inspectPlainHeader(file, latest);
    try {
      encryptPlainLibrary(file, key.bytes, options.onEncryptionStep);
    } catch (error) {
      // Damage found while reading the plain library is db_corrupt like any other.
      const mapped = asStoreError(error, file);
      if (mapped instanceof LedeError) throw mapped;
      throw new Error(`Lede could not encrypt the library ${file} (${mapped.message}). The plain library is unchanged.`, { cause: error });
    }
    encryptedNow = true;
  }
  let db: Database.Database | null = null;
  try {
    db = openWithKey(file, key);
    // Before the journal files exist: SQLite gives them the database file's mode.
    for (const part of [file, `${file}-wal`, `${file}-shm`]) makePrivateFile(part);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted content is overwritten, not left in free pages (a signed-out token, a purged story).
    db.pragma('secure_delete = ON');
    migrate(db, migrations);
  } catch (error) {
    db?.close();
    throw asStoreError(error, file);
  }
  // A later start than the one that encrypted: the key works, so the plain original may go.
  if (!encryptedNow && removeKeptPlainLibrary(file)) options.onKeptPlainRemoved?.();
  return db;
}

function openWithKey(file: string, key: LibraryKey): Database.Database {
  try {
    return openKeyed(file, key.bytes);
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
    throw new LedeError(
      'db_key_wrong',
      `The library database ${file} cannot be read with ${key.source}: that key is not this library's, or the file is damaged. Lede has not changed it. ` +
        'If the key was replaced, put back the one that belongs to this library; otherwise restore the library from a backup in the data folder’s "backups" folder ' +
        '(backups are encrypted with the same key), or move lede.sqlite aside to start an empty library.',
    );
  }
}

/** Checks a plain file's page size, first-page b-tree type and schema version from its raw bytes. */
function inspectPlainHeader(file: string, latest: number): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES + 1);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read < HEADER_BYTES) throw damagedLibrary(file, 'damaged header');
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw damagedLibrary(file, 'damaged header');
    const version = header.readUInt32BE(60);
    if (version > latest) throw new LedeError('db_newer_version', newerVersionMessage(version, latest));
    // Page 1 holds the schema table: its b-tree page header follows the file header.
    const pageType = header[HEADER_BYTES];
    if (size >= pageSize && pageType !== 0x0d && pageType !== 0x05) throw damagedLibrary(file, 'damaged first page');
  } finally {
    fs.closeSync(fd);
  }
}

/** Maps SQLite's "damaged file" errors to db_corrupt; everything else passes through. */
export function asStoreError(error: unknown, file: string): Error {
  if (error instanceof LedeError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return damagedLibrary(file, (error as Error).message);
  }
  return error instanceof Error ? error : new Error(String(error));
}
