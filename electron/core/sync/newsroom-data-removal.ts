import { articleIdOf } from '../../../shared/documents/article-kind';
import type { ArticleService } from '../articles/article-service';
import type { LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import { rewriteBackups, type BackupPlace } from '../store/backup';
import type { MediaBlobs } from './media-blobs';
import { planRemoval, removeDocuments, type RemovalPlan } from './newsroom-removal';
import type { SyncStore } from './sync-store';

export interface NewsroomDataRemovalDeps {
  store: SyncStore;
  articles: ArticleService;
  live: LiveDocs;
  media: MediaBlobs;
  log: Logger;
  backups?: BackupPlace;
  emitMediaChanged?(sha256s: string[]): void;
}

/**
 * Removes every document the plan names (ADR 0050): photo files first (a
 * crash after leaves documents without files, which the next removal
 * takes), then the rows in one transaction, then every kept backup is
 * rewritten without them. The caller checkpoints the WAL (TRUNCATE) last.
 */
export async function removeNewsroomData(deps: NewsroomDataRemovalDeps): Promise<RemovalPlan> {
  const { store, articles, live, media, log } = deps;
  const plan = store.removalPlan();
  for (const sha of plan.mediaShas) await media.remove(sha);
  const articleIds = plan.articleDocIds.map((docId) => articleIdOf(docId)).filter((id): id is string => id !== null);
  for (const id of articleIds) articles.forget(id);
  for (const docId of plan.docIds) if (!articleIdOf(docId)) live.unload(docId);
  store.removeDocuments(plan);
  // Read again from the beginning if this computer signs in again: the removed stories are wanted then.
  store.resetCursor();
  let backups = 0;
  if (deps.backups) {
    try {
      backups = rewriteBackups(deps.backups, (backup) => removeDocuments(backup, planRemoval(backup, plan.docIds)));
    } catch (error) {
      log.error('sync: could not remove the newsroom’s stories from the backups', { error });
    }
  }
  log.info('sync: removed the newsroom’s data from this computer', {
    stories: plan.articleDocIds.length,
    photos: plan.mediaShas.length,
    unsyncedChanges: plan.unsyncedChanges,
    backupsRewritten: backups,
  });
  articles.removed(articleIds);
  if (plan.mediaShas.length) deps.emitMediaChanged?.(plan.mediaShas);
  return plan;
}
