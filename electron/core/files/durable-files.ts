import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

/**
 * Files that a database row will point at: complete or absent, and still
 * there after a power cut. A rename alone is atomic but not durable — the
 * kernel may write the new name to disk before the file's bytes, so after a
 * crash a committed row could find an empty file. So: write under a
 * temporary name, fsync the file, rename, fsync the folder (and the folders
 * that were just made, so their entries survive too). Only then may the row
 * that refers to the file commit.
 */
export async function writeFileDurably(file: string, data: Uint8Array): Promise<void> {
  const created = await makeFolders(path.dirname(file));
  const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
  try {
    const handle = await fs.promises.open(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, file);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  await syncFolders([path.dirname(file), ...created]);
}

/** Moves a finished temporary file (an upload, a download) into place, durably. */
export async function moveFileDurably(temporary: string, file: string): Promise<void> {
  const created = await makeFolders(path.dirname(file));
  await syncFile(temporary);
  await fs.promises.rename(temporary, file);
  await syncFolders([path.dirname(file), ...created]);
}

/** fsync of one file's bytes. */
export async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of one file's bytes, synchronously (a database copy about to be renamed into place). */
export function syncFileSync(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * fsync of a folder, so the names in it are on disk. Windows cannot open a
 * folder for this (NTFS journals renames itself): there it is skipped.
 */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolders(dirs: string[]): Promise<void> {
  for (const dir of dirs) await syncFolder(dir);
}

/**
 * Makes the folder and its missing parents (private to this user); returns
 * the parents of the folders it made, whose entries must be synced too.
 */
async function makeFolders(dir: string): Promise<string[]> {
  const first = await fs.promises.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return [];
  const parents: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    parents.push(path.dirname(current));
    if (current === first || path.dirname(current) === current) break;
  }
  return parents;
}

/**
 * The same promise, synchronously, for small files written where an answer
 * waits on them (a secret, a key): temporary name, fsync, rename, fsync the folder.
 */
export function writeFileDurablySync(file: string, data: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
  try {
    const fd = fs.openSync(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncFolderSync(path.dirname(file));
}

/** fsync of a folder's names, synchronously (skipped on Windows, as syncFolder). */
export function syncFolderSync(dir: string): void {
  if (process.platform === 'win32' || !fs.existsSync(dir)) return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
