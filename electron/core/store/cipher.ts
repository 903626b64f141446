import Database from 'better-sqlite3-multiple-ciphers';
import { LIBRARY_KEY_BYTES } from './library-file';

/**
 * The one place that speaks SQLCipher (ADR 0051). Everything else asks for a
 * keyed connection here and never builds a key pragma itself.
 *
 * The format is SQLCipher 4's (`cipher='sqlcipher'`, `legacy=4`: AES-256 in
 * CBC mode, an HMAC per page, 4096-byte pages), so an administrator can open
 * a library with the stock `sqlcipher` tool and the key. The key is passed
 * raw (`x'…'`): it is 32 random bytes already, and SQLCipher's PBKDF2 over
 * it would only add a quarter of a second to every open.
 */

/**
 * The pragmas that key a freshly opened connection, in order. Exported only
 * for a worker thread's own connection (encrypted-copy.ts), which cannot
 * share this module's code.
 */
export function keyingPragmas(key: Buffer): string[] {
  if (key.length !== LIBRARY_KEY_BYTES) throw new Error(`A library key has ${LIBRARY_KEY_BYTES} bytes, not ${key.length}.`);
  return ["cipher = 'sqlcipher'", 'legacy = 4', `key = "x'${key.toString('hex')}'"`];
}

/** Keys a freshly opened connection. Nothing has been read yet: a wrong key shows at the first read. */
function applyKey(db: Database.Database, key: Buffer): void {
  for (const pragma of keyingPragmas(key)) db.pragma(pragma);
}

/**
 * Opens an encrypted database (or makes a new, empty one encrypted) and
 * proves the key by reading the schema. A wrong key or a file that is not
 * an SQLCipher database throws SQLITE_NOTADB here, before anything is written.
 */
export function openKeyed(file: string, key: Buffer, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens a plain (unencrypted) database: an old library on its way to being encrypted. */
export function openPlain(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, options);
}

/**
 * Encrypts, in place, a plain database file that nothing else has open (a
 * copy made for the purpose). SQLite cannot rekey in WAL mode, so the copy
 * goes to a rollback journal for the rewrite; the opener puts WAL back.
 */
export function encryptFileInPlace(file: string, key: Buffer): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    const [cipher, legacy] = keyingPragmas(key);
    db.pragma(cipher!);
    db.pragma(legacy!);
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    db.close();
  }
}
