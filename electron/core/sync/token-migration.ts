import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Logger } from '../log';
import { rewriteBackups, type BackupPlace } from '../store/backup';
import { SyncStore } from './sync-store';

/**
 * Lede before ADR 0045 kept the sync token in the settings table, so it
 * sat in the WAL and in every daily backup. At the first start after the
 * update it moves to the secret store and its old bytes are scrubbed: the
 * database overwrites the row (secure_delete), the checkpoint writes that
 * over the file and empties the WAL, and each backup is rewritten without
 * it. Safe to interrupt: until the row is rewritten the token is still
 * found there, and a second run finds nothing more to do.
 */
export function moveTokenOutOfDatabase(db: Database, store: SyncStore, backups: BackupPlace, log: Logger): void {
  if (!store.moveLegacyToken()) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  let rewritten = 0;
  try {
    rewritten = rewriteBackups(backups, (backup) => SyncStore.stripLegacyToken(backup));
  } catch (error) {
    log.error('could not remove the old sync token from the backups', { error });
  }
  log.info('moved the sync token out of the library database', { backupsRewritten: rewritten });
}
