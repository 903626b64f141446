import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3-multiple-ciphers';
import { LedeError } from '../../../shared/errors';
import { makePrivateDir, makePrivateFile, writePrivateFileSync } from '../files/private-files';
import type { DataPaths } from '../paths';

/**
 * One process per data folder. The lock is an exclusive SQLite lock on a small
 * file, held for the life of the process: the operating system releases it
 * when the process dies, however it dies, so a killed Lede never leaves a
 * stale lock behind. Who holds it is written beside it, so a second process
 * can say whom to close.
 */
export interface LockHolder {
  pid: number;
  host: string;
  app: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

/**
 * The lock connections held by this process. A connection that became
 * garbage would be closed by its finalizer, and closing it frees the lock:
 * a process that dropped its core (a test's child, a shell that keeps only
 * the server) would then share its folder without knowing. Only release()
 * lets go.
 */
const heldConnections = new Set<Database.Database>();

export function acquireDataDirLock(paths: DataPaths, app: string): DataDirLock {
  // The first thing any Lede process does with its folder: it is private to this user from here on.
  makePrivateDir(paths.root);
  const lockDb = new Database(paths.lock, { timeout: 0 });
  try {
    makePrivateFile(paths.lock);
    lockDb.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; EXCLUSIVE locking mode keeps it.
    lockDb.exec('CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime())');
  } catch (error) {
    lockDb.close();
    if (isBusy(error)) throw new LedeError('data_dir_locked', describeHolder(paths));
    throw error;
  }
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), app, startedAt: new Date().toISOString() };
  writePrivateFileSync(paths.lockInfo, JSON.stringify(holder));
  heldConnections.add(lockDb);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        fs.rmSync(paths.lockInfo, { force: true });
      } finally {
        heldConnections.delete(lockDb);
        lockDb.close();
      }
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function describeHolder(paths: DataPaths): string {
  let holder: Partial<LockHolder> = {};
  try {
    holder = JSON.parse(fs.readFileSync(paths.lockInfo, 'utf8')) as Partial<LockHolder>;
  } catch {
    // The holder is starting up and has not written its name yet.
  }
  const who = holder.pid
    ? `${holder.app ?? 'Lede'} (process ${holder.pid} on ${holder.host ?? 'this computer'}, started ${holder.startedAt ?? 'recently'})`
    : 'another Lede process';
  return `The data folder ${paths.root} is already in use by ${who}. Close that Lede first, or start this one with another data folder.`;
}
