import fs from 'node:fs';
import path from 'node:path';
import type { Database, Options } from 'better-sqlite3-multiple-ciphers';
import { LIBRARY_KEY_FILE } from '../../electron/core/secrets/library-key';
import { openKeyed } from '../../electron/core/store/cipher';
import { libraryFileKind, type LibraryKey } from '../../electron/core/store/library-file';
import { makeTempDir } from './temp-dir';

/** The key tests open their own library files with (a library core made has its own, in its key file). */
export const TEST_KEY: LibraryKey = { bytes: Buffer.alloc(32, 0x5a), source: 'the tests’ key' };

/**
 * The key a test's library file (or one of its backups) is encrypted with:
 * its data folder's key file when core made one, else TEST_KEY.
 */
export function keyOf(file: string): LibraryKey {
  for (const dataDir of [path.dirname(file), path.dirname(path.dirname(file))]) {
    const keyFile = path.join(dataDir, LIBRARY_KEY_FILE);
    if (fs.existsSync(keyFile)) return { bytes: Buffer.from(fs.readFileSync(keyFile, 'latin1').trim(), 'hex'), source: `the key file ${keyFile}` };
  }
  return TEST_KEY;
}

/** A second connection to a library file, for tests that look below the store. */
export function openLibraryFile(file: string, options: Options = {}): Database {
  return openKeyed(file, keyOf(file).bytes, options);
}

/** Turns an encrypted library file back into a plain one, as a Lede from before ADR 0051 left it. */
export function decryptLibraryFile(file: string, key: LibraryKey = keyOf(file)): void {
  const db = openKeyed(file, key.bytes);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.rekey(Buffer.alloc(0));
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

/**
 * What a library file (or backup) holds, as the bytes of an unencrypted copy
 * with its WAL folded in: to prove that removed text is gone from the
 * database's pages, not merely hidden by the cipher. Free pages are not
 * decrypted into the copy; with secure_delete on they were zeroed before
 * they were freed, and on disk they are encrypted either way.
 */
export function plaintextBytes(file: string, key: LibraryKey = keyOf(file)): Buffer {
  if (libraryFileKind(file) === 'plain') return Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
  const copy = path.join(makeTempDir('lede-plaintext-'), 'copy.sqlite');
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  decryptLibraryFile(copy, key);
  return fs.readFileSync(copy);
}
