import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { syncFileSync, syncFolderSync } from '../files/durable-files';
import { makePrivateDir, makePrivateFile } from '../files/private-files';
import { openKeyed, type LibraryKey } from './cipher';

/** The backups folder and the key its backups are encrypted with (the library's own). */
export interface BackupPlace {
  dir: string;
  key: LibraryKey;
}

const BACKUP_NAME = /^lede-\d{4}-\d{2}-\d{2}\.sqlite$/;

/**
 * One backup a day; the newest `keep` are kept. `VACUUM INTO` writes a
 * consistent copy from one read transaction (never a file copy, which can
 * catch the database mid-write), encrypted with the library's own key:
 * SQLite's online backup API cannot write an encrypted copy (ADR 0051).
 * It runs in one step, so it holds core for as long as the copy takes.
 */
export async function backupDatabase(db: Database, backupsDir: string, now = new Date(), keep = 7): Promise<string> {
  makePrivateDir(backupsDir);
  const day = now.toISOString().slice(0, 10);
  const target = path.join(backupsDir, `lede-${day}.sqlite`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  db.prepare('VACUUM INTO ?').run(partial);
  makePrivateFile(partial);
  syncFileSync(partial);
  fs.renameSync(partial, target);
  syncFolderSync(backupsDir);
  pruneBackups(backupsDir, keep);
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
