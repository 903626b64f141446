import fs from 'node:fs';

/**
 * What a library file is and what keys it, without opening it (and without
 * loading SQLite: Electron's main process asks this before it decides
 * whether a data key may be replaced, ADR 0051).
 */

export const LIBRARY_KEY_BYTES = 32;
/** SQLCipher 4's page size: an encrypted file is a whole number of these. */
export const CIPHER_PAGE_BYTES = 4096;

/** A library key and where it lives, so an error can name the place. */
export interface LibraryKey {
  readonly bytes: Buffer;
  /** For messages: "the key file /…/secrets/database.key", "the data key the OS keychain keeps". */
  readonly source: string;
}

export type LibraryFileKind = 'absent' | 'empty' | 'plain' | 'encrypted' | 'damaged';

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * What a library file is, from its first bytes only (nothing is opened):
 * a plain SQLite file starts with the magic string; an SQLCipher file starts
 * with its random salt and is a whole number of pages; anything else is
 * damaged. An encrypted file and a damaged one cannot always be told apart
 * by their bytes: the key decides (SQLITE_NOTADB).
 */
export function libraryFileKind(file: string): LibraryFileKind {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  if (size === 0) return 'empty';
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read === head.length && head.toString('latin1') === SQLITE_MAGIC) return 'plain';
    if (size % CIPHER_PAGE_BYTES !== 0) return 'damaged';
    return 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}
