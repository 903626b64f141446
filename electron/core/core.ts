import { bytesToBase64 } from '../../shared/base64';
import type { Result } from '../../shared/errors';
import { createHandlers, dispatch, readProfile, saveProfile } from './api';
import { ArticleIndex } from './articles/article-index';
import { ArticleService, articleIdOf } from './articles/article-service';
import { DocStore } from './docs/doc-store';
import { LiveDocs } from './docs/live-docs';
import { createLogger, type Logger } from './log';
import { dataPaths, type DataPaths } from './paths';
import { PeopleStore } from './people/people-store';
import { Sessions, type EmitEvent } from './sessions';
import { SettingsStore } from './settings/settings-store';
import { backupDatabase, hasBackupFor } from './store/backup';
import { acquireDataDirLock, type DataDirLock } from './store/data-dir-lock';
import { MIGRATIONS } from './store/migrations';
import { asStoreError, openDatabase, type Database } from './store/open-database';
import { documentOnlyMediaBlobs, type MediaBlobs } from './sync/media-blobs';
import { SyncClient } from './sync/sync-client';
import { SyncStore } from './sync/sync-store';

export interface CoreOptions {
  dataDir: string;
  shell: 'web' | 'electron';
  version: string;
  logger?: Logger;
  deriveDelayMs?: number;
  compactAfterUpdates?: number;
  /** Delay before the daily backup; null turns it off (tests). */
  backupDelayMs?: number | null;
  /**
   * The media files sync uploads and downloads. Until the photo desk's media
   * store is wired in, one that knows no files (stories' references still count).
   */
  media?: MediaBlobs;
  /** How many documents sync keeps attached at once in the background. */
  syncBackgroundLinks?: number;
}

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
  readonly internals: { articles: ArticleService; docs: DocStore; live: LiveDocs; sync: SyncClient; db: Database };
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
  const sync = new SyncClient({
    store: new SyncStore(db, settings),
    docs,
    live,
    articles,
    media: options.media ?? documentOnlyMediaBlobs(),
    log,
    backgroundLinks: options.syncBackgroundLinks,
    emitStatus: (status) => sessions.toAll('sync.status', status),
    emitPresence: (id, people) => sessions.toArticleViewers(id, '', 'sync.presence', { id, people }),
    emitLibraryChanged: (ids) => sessions.toAll('library.changed', { ids }),
    // A sync account replaces the profile's name (bylines, Edited by, presence); the newsroom role stays.
    accountSignedIn: ({ name }) => {
      const profile = readProfile(settings);
      if (profile && profile.name !== name) saveProfile(settings, sessions, { ...profile, name });
    },
    isStoryOpen: (id) => sessions.isOpenAnywhere(id),
  });
  const handlers = createHandlers({ db, articles, people, settings, sessions, sync, log, app: { version: options.version, shell: options.shell } });

  live.onStored((change) => {
    const id = articleIdOf(change.docId);
    if (id) sessions.toArticleViewers(id, change.origin, 'article.updated', { id, update: bytesToBase64(change.update) });
  });
  articles.onDerived((ids) => sessions.toAll('library.changed', { ids }));
  articles.recoverStaleRows();
  sync.start();

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
    internals: { articles, docs, live, sync, db },
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
              sync.storyClosed(id);
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
      sync.close();
      try {
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
