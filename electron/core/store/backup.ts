import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { makePrivateDir, makePrivateFile } from '../files/private-files';

/**
 * Backups go through SQLite's online backup API (never a file copy, which can
 * catch the database mid-write). One file per day; the newest `keep` are kept.
 */
export async function backupDatabase(db: Database, backupsDir: string, now = new Date(), keep = 7): Promise<string> {
  makePrivateDir(backupsDir);
  const day = now.toISOString().slice(0, 10);
  const target = path.join(backupsDir, `lede-${day}.sqlite`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  await db.backup(partial);
  makePrivateFile(partial);
  fs.renameSync(partial, target);
  pruneBackups(backupsDir, keep);
  return target;
}

function pruneBackups(backupsDir: string, keep: number): void {
  const backups = fs
    .readdirSync(backupsDir)
    .filter((name) => /^lede-\d{4}-\d{2}-\d{2}\.sqlite$/.test(name))
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
 * never have been in the database (ADR 0045).
 */
export function rewriteBackups(backupsDir: string, change: (db: Database) => void): number {
  if (!fs.existsSync(backupsDir)) return 0;
  let rewritten = 0;
  for (const name of fs.readdirSync(backupsDir).filter((entry) => /^lede-\d{4}-\d{2}-\d{2}\.sqlite$/.test(entry))) {
    const backup = new BetterSqlite3(path.join(backupsDir, name));
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
