import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { syncFileSync, syncFolderSync } from '../files/durable-files';
import { makePrivateDir, makePrivateFile } from '../files/private-files';
import { openKeyed } from './cipher';
import { writeEncryptedCopy } from './encrypted-copy';
import type { LibraryKey } from './library-file';

/** The backups folder and the key its backups are encrypted with (the library's own). */
export interface BackupPlace {
  dir: string;
  key: LibraryKey;
}

const BACKUP_NAME = /^lede-\d{4}-\d{2}-\d{2}\.sqlite$/;

/**
 * One backup a day of the library file; the newest `keep` are kept. The copy
 * is consistent (one read transaction, never a file copy, which can catch
 * the database mid-write), encrypted with the library's own key, and written
 * by a worker thread (encrypted-copy.ts); it is complete and on disk before
 * it takes the day's name.
 */
export async function backupDatabase(libraryFile: string, backups: BackupPlace, now = new Date(), keep = 7): Promise<string> {
  makePrivateDir(backups.dir);
  const day = now.toISOString().slice(0, 10);
  const target = path.join(backups.dir, `lede-${day}.sqlite`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await writeEncryptedCopy(libraryFile, backups.key.bytes, partial);
    makePrivateFile(partial);
    syncFileSync(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.renameSync(partial, target);
  syncFolderSync(backups.dir);
  pruneBackups(backups.dir, keep);
  return target;
}

function pruneBackups(backupsDir: string, keep: number): void {
  const backups = fs
    .readdirSync(backupsDir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
  for (const old of backups.slice(keep)) fs.rmSync(path.join(backupsDir, old), { force: true });
}

/** Whether today's backup has been made already. */
export function hasBackupFor(backupsDir: string, now = new Date()): boolean {
  return fs.existsSync(path.join(backupsDir, `lede-${now.toISOString().slice(0, 10)}.sqlite`));
}

/**
 * Applies `change` to every kept backup and rebuilds it (VACUUM), so what
 * it removed is gone from the file's bytes too: for a secret that should
 * never have been in the database (ADR 0045), a newsroom's removed stories
 * (ADR 0050).
 */
export function rewriteBackups(backups: BackupPlace, change: (db: Database) => void): number {
  if (!fs.existsSync(backups.dir)) return 0;
  let rewritten = 0;
  for (const name of fs.readdirSync(backups.dir).filter((entry) => BACKUP_NAME.test(entry))) {
    const backup = openKeyed(path.join(backups.dir, name), backups.key.bytes);
    try {
      backup.pragma('secure_delete = ON');
      change(backup);
      backup.exec('VACUUM');
      rewritten++;
    } finally {
      backup.close();
    }
  }
  return rewritten;
}
