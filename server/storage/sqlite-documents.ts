import type Database from 'better-sqlite3-multiple-ciphers';
import type { DocKind } from '../../shared/documents/doc-names';
import { mergeState, summarizeState } from './merge-state';
import type { MergeOutcome, PurgeOutcome } from './server-store';

/**
 * The two writes of the embedded store that touch a document's state,
 * each one IMMEDIATE transaction. They run on the store worker's own
 * connection (store-worker.ts): reading, merging and writing a large story
 * takes hundreds of milliseconds, which on the main thread would hold up
 * every client (ADR 0052).
 */

/** The settings every connection to the server database file uses (the store's and the worker's). */
export function configureServerConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // A store is acknowledged to clients as "stored": it must be on disk.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
}

export function mergeIntoSqlite(db: Database.Database, name: string, kind: DocKind, update: Uint8Array | readonly Uint8Array[], now: number): MergeOutcome {
  // IMMEDIATE takes SQLite's write lock before reading, so two server
  // processes (or connections) on this file cannot both merge from the same old state.
  return db.transaction((): MergeOutcome => {
    const head = (db.prepare('SELECT seq FROM catalog_head WHERE id = 1').get() as { seq: number }).seq;
    const row = db.prepare('SELECT state, version, deleted, seq FROM documents WHERE name = ?').get(name) as
      | { state: Buffer | null; version: number; deleted: number; seq: number }
      | undefined;
    if (row?.deleted) return { kind: 'deleted' };
    const merged = mergeState(row?.state ?? null, update, kind);
    if (!merged.changed && row) {
      return {
        kind: 'stored',
        version: row.version,
        snapshot: merged.snapshot,
        seq: row.seq,
        changed: false,
        stateBytes: merged.stateBytes,
        before: merged.before,
        after: merged.after,
      };
    }
    const seq = head + 1;
    const version = (row?.version ?? 0) + 1;
    db.prepare('UPDATE catalog_head SET seq = ? WHERE id = 1').run(seq);
    db.prepare(
      `INSERT INTO documents (name, kind, state, version, headline, status, updated_ms, deleted, seq, desk)
       VALUES (@name, @kind, @state, @version, @headline, @status, @now, 0, @seq, @desk)
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, version = excluded.version, headline = excluded.headline,
         status = excluded.status, updated_ms = excluded.updated_ms, seq = excluded.seq, desk = excluded.desk`,
    ).run({ name, kind, state: merged.state, version, headline: merged.headline, status: merged.status, now, seq, desk: merged.desk });
    return { kind: 'stored', version, snapshot: merged.snapshot, seq, changed: true, stateBytes: merged.stateBytes, before: merged.before, after: merged.after };
  }).immediate();
}

export function purgeFromSqlite(db: Database.Database, name: string, now: number): PurgeOutcome {
  return db.transaction((): PurgeOutcome => {
    const row = db.prepare('SELECT kind, state, deleted FROM documents WHERE name = ?').get(name) as
      | { kind: DocKind; state: Buffer | null; deleted: number }
      | undefined;
    if (!row) return { kind: 'unknown' };
    if (row.deleted) return { kind: 'already_purged' };
    if (!row.state || summarizeState(row.state, row.kind).trashedAt === null) return { kind: 'not_trashed' };
    const seq = (db.prepare('SELECT seq FROM catalog_head WHERE id = 1').get() as { seq: number }).seq + 1;
    db.prepare('UPDATE catalog_head SET seq = ? WHERE id = 1').run(seq);
    // The state stays until the retention sweep: a purge can be undone (ADR 0059).
    db.prepare('UPDATE documents SET deleted = 1, purged_ms = ?, version = version + 1, updated_ms = ?, seq = ? WHERE name = ?').run(now, now, seq, name);
    return { kind: 'purged', seq };
  }).immediate();
}
