import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { openLibraryFile } from './library-key';

/** sha256 of a file's bytes, to prove a refused file was not touched. */
export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Every row of every ordinary table (FTS shadow tables included), read
 * through a separate connection, so a test can prove that a refused request
 * wrote nothing at all.
 */
export function snapshotDatabase(file: string): Record<string, unknown[]> {
  const db = openLibraryFile(file, { fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string }>;
    const snapshot: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const rows = (db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>).map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Buffer.isBuffer(value) ? value.toString('hex') : value])),
      );
      // Some FTS shadow tables have no rowid: compare as sorted sets of rows.
      snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return snapshot;
  } finally {
    db.close();
  }
}
