import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

export interface SearchEntriesTable {
  /** The derived table holding one row per document, with a `search_rowid` column. */
  rows: string;
  /** Its key column. */
  key: string;
  /** The FTS5 table. */
  fts: string;
  /** The FTS5 table's columns, in the order values are given. */
  columns: readonly string[];
}

/**
 * The full-text entries of a derived table (stories, photos). An entry gets a
 * new rowid on every write, so the index's rowid order is "most recently
 * changed first" (library-query.ts relies on it). Joins the caller's
 * transaction. Table and column names come from code, never from input.
 */
export class SearchEntries {
  private readonly selectRowid: Statement;
  private readonly nextRowid: Statement;
  private readonly deleteEntry: Statement;
  private readonly insertEntry: Statement;
  private readonly setRowid: Statement;

  constructor(db: Database, table: SearchEntriesTable) {
    const { rows, key, fts, columns } = table;
    this.selectRowid = db.prepare(`SELECT search_rowid AS rowid FROM ${rows} WHERE ${key} = ?`);
    this.nextRowid = db.prepare(`SELECT coalesce(max(search_rowid), 0) + 1 AS next FROM ${rows}`);
    this.deleteEntry = db.prepare(`DELETE FROM ${fts} WHERE rowid = ?`);
    this.insertEntry = db.prepare(`INSERT INTO ${fts} (rowid, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`);
    this.setRowid = db.prepare(`UPDATE ${rows} SET search_rowid = ? WHERE ${key} = ?`);
  }

  /** Replaces the entry of the row with this key (the row must exist). */
  replace(key: string, values: readonly string[]): void {
    this.remove(key);
    const next = (this.nextRowid.get() as { next: number }).next;
    this.insertEntry.run(next, ...values);
    this.setRowid.run(next, key);
  }

  /** Removes the entry of the row with this key, if it has one. */
  remove(key: string): void {
    const row = this.selectRowid.get(key) as { rowid: number | null } | undefined;
    if (row?.rowid != null) this.deleteEntry.run(row.rowid);
  }
}
