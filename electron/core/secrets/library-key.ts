import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LedeError } from '../../../shared/errors';
import { writeFileDurablySync } from '../files/durable-files';
import { makePrivateDir } from '../files/private-files';
import { dataPaths } from '../paths';
import { LIBRARY_KEY_BYTES, libraryFileKind, type LibraryKey } from '../store/library-file';
import { damagedLibrary } from '../store/library-errors';

/**
 * Where the key of the encrypted library database comes from (ADR 0051):
 * - `secrets/database.key` when that file exists (600 in a 700 folder): the
 *   web shell's key, and the desktop app's where the OS has no keychain;
 * - otherwise, in the desktop app with a keychain, derived from the data key
 *   (ADR 0045) with HKDF and a label of its own, so the one secret the
 *   keychain protects unlocks the library too and no key sits on disk;
 * - otherwise a new key file is made, but only while there is no encrypted
 *   library yet (a new library, or a plain one about to be encrypted).
 * An encrypted library whose key is not here is refused with the way out;
 * nothing is changed and no key is ever replaced.
 */
export const LIBRARY_KEY_FILE = path.join('secrets', 'database.key');
const HKDF_LABEL = 'lede/library-database-key/v1';

/** The library key in the desktop app with a keychain: HKDF-SHA256 of the data key under its own label. */
export function libraryKeyFromDataKey(dataKey: Buffer, dataDir: string): LibraryKey {
  const bytes = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), HKDF_LABEL, LIBRARY_KEY_BYTES));
  return { bytes, source: `the data key the OS keychain keeps for ${dataDir}` };
}

export function resolveLibraryKey(dataDir: string, dataKey: Buffer | null): LibraryKey {
  const file = path.join(dataDir, LIBRARY_KEY_FILE);
  if (fs.existsSync(file)) return readKeyFile(file);
  if (dataKey) return libraryKeyFromDataKey(dataKey, dataDir);
  const { database } = dataPaths(dataDir);
  const kind = libraryFileKind(database);
  if (kind === 'encrypted') throw keyMissing(dataDir);
  // No key is made for a file that is no library at all: it is refused as damaged, and a key file that fits nothing would only mislead.
  if (kind === 'damaged') throw damagedLibrary(database, 'not an SQLite database');
  const bytes = randomBytes(LIBRARY_KEY_BYTES);
  makePrivateDir(path.dirname(file));
  writeFileDurablySync(file, Buffer.from(`${bytes.toString('hex')}\n`, 'latin1'));
  return { bytes, source: `the key file ${file}` };
}

/**
 * Whether the library is encrypted under a key derived from the data key: a
 * library file that is not plain and no key file beside it. Then the data
 * key must never be replaced (the library would be unreadable for good).
 */
export function libraryDependsOnDataKey(dataDir: string): boolean {
  if (fs.existsSync(path.join(dataDir, LIBRARY_KEY_FILE))) return false;
  const kind = libraryFileKind(dataPaths(dataDir).database);
  // A damaged-looking file may be an encrypted one cut short: never assume it needs no key.
  return kind === 'encrypted' || kind === 'damaged';
}

function readKeyFile(file: string): LibraryKey {
  const text = fs.readFileSync(file, 'latin1').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new LedeError(
      'db_key_wrong',
      `The library's key file ${file} is damaged (it should hold 64 hexadecimal digits). Lede has not changed the library. ` +
        'Put back a good copy of the key file, or move the data folder’s lede.sqlite aside to start an empty library.',
    );
  }
  return { bytes: Buffer.from(text, 'hex'), source: `the key file ${file}` };
}

function keyMissing(dataDir: string): LedeError {
  const { database } = dataPaths(dataDir);
  return new LedeError(
    'db_key_missing',
    `The library database ${database} is encrypted and its key is not here: ${path.join(dataDir, LIBRARY_KEY_FILE)} is missing, ` +
      'and no OS keychain key was given (the Lede desktop app keeps one where the system has a keychain). Lede has not changed the library. ' +
      'Put the key file back from wherever this data folder was copied or backed up, or open the library in the Lede app on the computer that made it. ' +
      'To start an empty library instead, move lede.sqlite aside.',
  );
}
