import type { Database } from 'better-sqlite3-multiple-ciphers';

/** One schema version: SQL (or a function) run inside one transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database) => void);
}
