import fs from 'node:fs';
import path from 'node:path';
import { syncFileSync, syncFolderSync } from '../files/durable-files';
import { makePrivateFile } from '../files/private-files';
import { encryptFileInPlace, openKeyed, openPlain } from './cipher';
import { libraryFileKind } from './library-file';

/**
 * A plain library (Lede before ADR 0051) becomes an encrypted one at the
 * first start that has a key, in steps that a kill at any point cannot
 * make lose it:
 *  1. checkpoint the plain database into its main file (the WAL empties);
 *  2. copy it to `lede.sqlite.encrypting` and encrypt the copy;
 *  3. verify the copy: it opens with the key, integrity_check is ok, every
 *     table has as many rows as the original and the schema version is the
 *     same;
 *  4. rename the original to `lede.sqlite.plain-before-encryption`;
 *  5. rename the copy to `lede.sqlite`.
 * Each rename is made durable (fsync of the folder) before the next step.
 * The plain original stays until a later start has opened the encrypted
 * library (`removeKeptPlainLibrary`). `recoverInterruptedEncryption` runs
 * first at every start: it undoes a kill between 4 and 5 and drops a copy
 * that was never finished.
 */
export type EncryptionStep = 'checkpointed' | 'copied' | 'encrypted' | 'verified' | 'original-kept' | 'swapped';

export const ENCRYPTING_SUFFIX = '.encrypting';
export const KEPT_PLAIN_SUFFIX = '.plain-before-encryption';

export function encryptPlainLibrary(file: string, key: Buffer, onStep: (step: EncryptionStep) => void = () => {}): void {
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  const kept = `${file}${KEPT_PLAIN_SUFFIX}`;
  checkpointPlain(file);
  onStep('checkpointed');
  try {
    writeEncryptedCopy(file, copy, key, onStep);
  } catch (error) {
    removeUnfinishedCopy(copy);
    throw error;
  }
  // Closing the last connection removed the plain WAL; a stale -shm (or an empty WAL) must not meet the encrypted file.
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) throw new Error(`${wal} is not empty after a checkpoint`);
  for (const part of [wal, `${file}-shm`]) fs.rmSync(part, { force: true });
  fs.renameSync(file, kept);
  syncFolderSync(path.dirname(file));
  onStep('original-kept');
  fs.renameSync(copy, file);
  syncFolderSync(path.dirname(file));
  onStep('swapped');
}

/** Puts the folder back in a state a start can work from after a kill during `encryptPlainLibrary`. */
export function recoverInterruptedEncryption(file: string): void {
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  const kept = `${file}${KEPT_PLAIN_SUFFIX}`;
  if (!fs.existsSync(file) && fs.existsSync(kept) && fs.existsSync(copy)) {
    // Killed between the two renames: the plain original goes back; the migration starts over.
    fs.renameSync(kept, file);
    syncFolderSync(path.dirname(file));
  }
  removeUnfinishedCopy(copy);
}

/**
 * After a start opened the encrypted library (its key works, its schema
 * migrated), the plain original kept by the migration is no longer needed,
 * and its story text must not linger.
 */
export function removeKeptPlainLibrary(file: string): boolean {
  const kept = `${file}${KEPT_PLAIN_SUFFIX}`;
  if (!fs.existsSync(kept)) return false;
  fs.rmSync(kept, { force: true });
  for (const part of [`${kept}-wal`, `${kept}-shm`, `${kept}-journal`]) fs.rmSync(part, { force: true });
  syncFolderSync(path.dirname(file));
  return true;
}

/**
 * Backups made before ADR 0051 are plain copies of the library: each is
 * encrypted the same way (copy, encrypt, verify) and the verified copy
 * replaces it in one rename. A kill leaves either the plain backup or the
 * encrypted one, never neither; the next start finishes the rest. A backup
 * that cannot be encrypted (damaged) is left as it is and named in
 * `failed`: it must not stop the library from opening, and is tried again
 * at the next start.
 */
export function encryptPlainBackups(backupsDir: string, key: Buffer): { encrypted: number; failed: Array<{ name: string; reason: string }> } {
  const failed: Array<{ name: string; reason: string }> = [];
  if (!fs.existsSync(backupsDir)) return { encrypted: 0, failed };
  let encrypted = 0;
  for (const name of fs.readdirSync(backupsDir)) {
    const file = path.join(backupsDir, name);
    if (name.endsWith(ENCRYPTING_SUFFIX) || name.endsWith(`${ENCRYPTING_SUFFIX}-journal`)) {
      removeUnfinishedCopy(file);
    } else if (/^lede-\d{4}-\d{2}-\d{2}\.sqlite\.partial$/.test(name)) {
      fs.rmSync(file, { force: true }); // a backup cut short by an older Lede, plain
    } else if (/^lede-\d{4}-\d{2}-\d{2}\.sqlite$/.test(name) && libraryFileKind(file) === 'plain') {
      const copy = `${file}${ENCRYPTING_SUFFIX}`;
      try {
        checkpointPlain(file);
        writeEncryptedCopy(file, copy, key);
      } catch (error) {
        removeUnfinishedCopy(copy);
        failed.push({ name, reason: (error as Error).message });
        continue;
      }
      fs.renameSync(copy, file);
      encrypted++;
    }
  }
  syncFolderSync(backupsDir);
  return { encrypted, failed };
}

/** Everything committed into the main file, so a copy of that file is the whole database. */
function checkpointPlain(file: string): void {
  const plain = openPlain(file);
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    // The last connection to close removes the (now empty) WAL and the -shm.
    plain.close();
  }
}

function writeEncryptedCopy(source: string, copy: string, key: Buffer, onStep: (step: EncryptionStep) => void = () => {}): void {
  removeUnfinishedCopy(copy);
  fs.copyFileSync(source, copy);
  makePrivateFile(copy);
  onStep('copied');
  encryptFileInPlace(copy, key);
  syncFileSync(copy);
  onStep('encrypted');
  verifyEncryptedCopy(source, copy, key);
  onStep('verified');
}

/** The copy must hold what the original holds: same schema version, same row count in every table, and no damage. */
function verifyEncryptedCopy(source: string, copy: string, key: Buffer): void {
  // Not read-only: a read-only connection to a WAL database leaves -wal and -shm files behind.
  const original = openPlain(source);
  const encrypted = openKeyed(copy, key, { readonly: true });
  try {
    const integrity = encrypted.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the encrypted copy fails its integrity check (${String(integrity)})`);
    const version = (db: typeof original) => db.pragma('user_version', { simple: true });
    if (version(original) !== version(encrypted)) throw new Error('the encrypted copy has another schema version');
    const tables = original
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const count = (db: typeof original) => db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get();
      if (count(original) !== count(encrypted)) throw new Error(`the encrypted copy's table ${table} has another number of rows`);
    }
  } finally {
    encrypted.close();
    original.close();
  }
}

function removeUnfinishedCopy(copy: string): void {
  for (const part of [copy, `${copy}-journal`]) fs.rmSync(part, { force: true });
}
