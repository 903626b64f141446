import Database from 'better-sqlite3-multiple-ciphers';
import type { DocKind } from '../../shared/documents/doc-names';
import { mergeState, type MergedState } from './merge-state';
import type { MergeOutcome, PurgeOutcome } from './server-store';
import { configureServerConnection, mergeIntoSqlite, purgeFromSqlite } from './sqlite-documents';

/** What the store worker does: the CPU- and I/O-heavy part of storing a document. */
export type StoreWork =
  /** PostgreSQL: merge in memory (the database I/O is async already). */
  | { op: 'merge-state'; stored: Uint8Array | null; update: Uint8Array | readonly Uint8Array[]; kind: DocKind }
  /** Embedded SQLite: the whole load–merge–write transaction, on the worker's own connection. */
  | { op: 'sqlite-merge'; file: string; name: string; kind: DocKind; update: Uint8Array | readonly Uint8Array[]; now: number }
  | { op: 'sqlite-purge'; file: string; name: string; now: number };

export type StoreWorkResult<W extends StoreWork> = W extends { op: 'merge-state' } ? MergedState : W extends { op: 'sqlite-merge' } ? MergeOutcome : PurgeOutcome;

/** Connections by database file, kept open for the life of the thread that runs the work. */
export class StoreWorkRunner {
  private readonly connections = new Map<string, Database.Database>();

  run(work: StoreWork): MergedState | MergeOutcome | PurgeOutcome {
    switch (work.op) {
      case 'merge-state':
        return mergeState(work.stored, work.update, work.kind);
      case 'sqlite-merge':
        return mergeIntoSqlite(this.connection(work.file), work.name, work.kind, work.update, work.now);
      case 'sqlite-purge':
        return purgeFromSqlite(this.connection(work.file), work.name, work.now);
    }
  }

  close(): void {
    for (const db of this.connections.values()) db.close();
    this.connections.clear();
  }

  private connection(file: string): Database.Database {
    let db = this.connections.get(file);
    if (!db) {
      db = new Database(file, { fileMustExist: true });
      configureServerConnection(db);
      this.connections.set(file, db);
    }
    return db;
  }
}
