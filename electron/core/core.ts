import { z } from 'zod';
import { bytesToBase64 } from '../../shared/base64';
import type { Result } from '../../shared/errors';
import { createHandlers, dispatch } from './api';
import { ArticleIndex } from './articles/article-index';
import { ArticleService, articleIdOf } from './articles/article-service';
import { DocStore } from './docs/doc-store';
import { LiveDocs } from './docs/live-docs';
import { EMPTY_MEDIA_CATALOG, DEFAULT_MEDIA_HREF_BASE, type MediaCatalog } from './interchange/media-catalog';
import { createLogger, type Logger } from './log';
import { dataPaths, type DataPaths } from './paths';
import { PeopleStore } from './people/people-store';
import { loadPolicy } from './policy/policy-file';
import { RevisionService } from './revisions/revision-service';
import { RevisionStore } from './revisions/revision-store';
import { Sessions, type EmitEvent } from './sessions';
import { SettingsStore } from './settings/settings-store';
import { backupDatabase, hasBackupFor } from './store/backup';
import { acquireDataDirLock, type DataDirLock } from './store/data-dir-lock';
import { MIGRATIONS } from './store/migrations';
import { asStoreError, openDatabase, type Database } from './store/open-database';

export interface CoreOptions {
  dataDir: string;
  shell: 'web' | 'electron';
  version: string;
  logger?: Logger;
  deriveDelayMs?: number;
  compactAfterUpdates?: number;
  /** Delay before the daily backup; null turns it off (tests). */
  backupDelayMs?: number | null;
  /** The machine policy file; by default the system-wide one (or LEDE_POLICY_FILE). */
  policyFile?: string;
  /**
   * The media library as export and import see it. Until the photo desk's
   * media service is wired in here, the empty catalog: it knows no asset and
   * cannot store pictures (interchange/media-catalog.ts).
   */
  mediaCatalog?: MediaCatalog;
  /** Base of media addresses in exports; default `lede-media://`. */
  mediaHrefBase?: string;
  /** Quiet time after editing before a revision checkpoint (default 2 minutes). */
  revisionIdleMs?: number;
  /** Longest continuous editing without a checkpoint (default 10 minutes). */
  revisionMaxDirtyMs?: number;
}

const PROFILE_KEY = 'profile';
const authorSchema = z.object({ name: z.string() });

/** One connected window or tab. */
export interface CoreSession {
  readonly id: string;
  invoke(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  close(): void;
}

export interface Core {
  connect(emit: EmitEvent): CoreSession;
  /** Writes pending library rows, compacts open stories and closes the database. */
  close(): Promise<void>;
  readonly dataDir: string;
  readonly log: Logger;
  /** For tests and benchmarks that need to reach below the API. */
  readonly internals: { articles: ArticleService; docs: DocStore; live: LiveDocs; revisions: RevisionService };
}

/**
 * Opens the workstation core on a data folder: takes the folder's lock,
 * opens and migrates the database, rebuilds library rows a crash left stale,
 * and serves the API to sessions.
 */
export function openCore(options: CoreOptions): Core {
  const paths = dataPaths(options.dataDir);
  const lock = acquireDataDirLock(paths, `Lede ${options.version} (${options.shell})`);
  let db: Database;
  try {
    db = openDatabase(paths.database, MIGRATIONS);
  } catch (error) {
    lock.release();
    throw error;
  }
  try {
    return startCore(options, paths, db, lock);
  } catch (error) {
    // Damage found after opening (e.g. while rebuilding library rows): free
    // the folder so the person can restore a backup, and say what happened.
    db.close();
    lock.release();
    throw asStoreError(error, paths.database);
  }
}

function startCore(options: CoreOptions, paths: DataPaths, db: Database, lock: DataDirLock): Core {
  const log = options.logger ?? createLogger(paths.logs);
  const docs = new DocStore(db);
  const live = new LiveDocs(db, docs, log);
  const index = new ArticleIndex(db);
  const articles = new ArticleService(live, docs, index, log, {
    deriveDelayMs: options.deriveDelayMs ?? 300,
    compactAfterUpdates: options.compactAfterUpdates ?? 500,
  });
  const people = new PeopleStore(db);
  const settings = new SettingsStore(db, log);
  const sessions = new Sessions();
  const policy = loadPolicy({ file: options.policyFile, log });
  const author = () => settings.get(PROFILE_KEY, authorSchema)?.name ?? '';
  const revisions = new RevisionService(live, new RevisionStore(db), author, log, {
    idleMs: options.revisionIdleMs ?? 2 * 60_000,
    maxDirtyMs: options.revisionMaxDirtyMs ?? 10 * 60_000,
  });
  const handlers = createHandlers({
    db,
    articles,
    revisions,
    media: { catalog: options.mediaCatalog ?? EMPTY_MEDIA_CATALOG, hrefBase: options.mediaHrefBase ?? DEFAULT_MEDIA_HREF_BASE },
    people,
    settings,
    sessions,
    log,
    policy,
    app: { version: options.version, shell: options.shell },
  });

  live.onStored((change) => {
    const id = articleIdOf(change.docId);
    if (!id) return;
    sessions.toArticleViewers(id, change.origin, 'article.updated', { id, update: bytesToBase64(change.update) });
    revisions.noteEdit(id, change.origin);
  });
  revisions.onChanged((id) => sessions.toArticleViewers(id, '', 'article.revisionsChanged', { id }));
  // A story closed everywhere gets its last edits checkpointed before it leaves memory.
  articles.onRelease((id) => revisions.flush(id));
  articles.onDerived((ids) => sessions.toAll('library.changed', { ids }));
  articles.recoverStaleRows();

  let backupTimer: NodeJS.Timeout | null = null;
  if (options.backupDelayMs !== null && !hasBackupFor(paths.backups)) {
    backupTimer = setTimeout(() => {
      backupDatabase(db, paths.backups).then(
        (file) => log.info('backup written', { file }),
        (error: unknown) => log.error('backup failed', { error }),
      );
    }, options.backupDelayMs ?? 60_000);
    backupTimer.unref();
  }

  log.info('core started', { shell: options.shell, version: options.version, pid: process.pid });
  let closed = false;

  return {
    dataDir: options.dataDir,
    log,
    internals: { articles, docs, live, revisions },
    connect(emit) {
      const session = sessions.add(emit);
      return {
        id: session.id,
        invoke: (channel, payload) => {
          if (closed) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'Lede is shutting down.' } });
          return dispatch(handlers, log, session, channel, payload);
        },
        close: () => {
          if (closed) return;
          for (const id of sessions.remove(session)) {
            try {
              articles.release(id);
            } catch (error) {
              log.warn('could not release story', { id, error });
            }
          }
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (backupTimer) clearTimeout(backupTimer);
      try {
        revisions.flushAll();
        articles.flush();
        for (const docName of live.loadedIds()) {
          const id = articleIdOf(docName);
          if (id) articles.compactIfDue(id, true);
        }
      } finally {
        db.close();
        lock.release();
        log.info('core closed');
      }
    },
  };
}
