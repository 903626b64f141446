import type { Database } from 'better-sqlite3-multiple-ciphers';
import { LedeError } from '../../../shared/errors';
import type { Migration } from './migrations/migration';

/**
 * Brings the database up to the newest schema, one transaction per version
 * (so a failure leaves the previous version intact). A database written by a
 * newer Lede is refused before anything is written.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new LedeError('db_newer_version', newerVersionMessage(from, latest));
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}

export function newerVersionMessage(found: number, known: number): string {
  return `This library was written by a newer version of Lede (database schema ${found}; this version knows up to ${known}). Update Lede to open it. The file was not changed.`;
}
