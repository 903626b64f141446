import fs from 'node:fs';
import Database from 'better-sqlite3';
import { LedeError } from '../../../shared/errors';
import { migrate, newerVersionMessage } from './migrate';
import type { Migration } from './migrations/migration';

export type { Database } from 'better-sqlite3';

/**
 * Opens the library database. An existing file is first inspected read-only:
 * a damaged file or one from a newer Lede is refused before a single byte is
 * written, so the person can still restore or upgrade it.
 */
export function openDatabase(file: string, migrations: readonly Migration[]): Database.Database {
  if (fs.existsSync(file)) inspectReadOnly(file, migrations.at(-1)?.version ?? 0);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw asStoreError(error, file);
  }
}

function inspectReadOnly(file: string, latest: number): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw new LedeError('db_newer_version', newerVersionMessage(version, latest));
    // Reading the schema touches the first pages: a file that is not a
    // database, or a damaged header, fails here.
    // (A full integrity check would read the whole file and slow every start;
    // deeper damage surfaces as SQLITE_CORRUPT on use and is reported then.)
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    throw asStoreError(error, file);
  } finally {
    db?.close();
  }
}

function asStoreError(error: unknown, file: string): Error {
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
