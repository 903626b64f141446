import { articleDocName, articleIdOf } from '../../shared/documents/article-kind';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { bytesToBase64 } from '../../shared/base64';
import type { Result } from '../../shared/errors';
import { dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { ArticleIndex } from './articles/article-index';
import { ArticleService } from './articles/article-service';
import { DocStore } from './docs/doc-store';
import { LiveDocs } from './docs/live-docs';
import { DEFAULT_MEDIA_HREF_BASE, type MediaCatalog } from '../../shared/interchange/media-catalog';
import { photoDeskCatalog } from './media/photo-desk-catalog';
import { photoDeskBlobs } from './media/photo-desk-blobs';
import { createLogger, type Logger } from './log';
import { fileModeSealer, type SecretSealer } from './secrets/secret-sealer';
import { SecretStore } from './secrets/secret-store';
import { moveTokenOutOfDatabase } from './sync/token-migration';
import { dataPaths, type DataPaths } from './paths';
import type { ImportSource } from './media/import-sources';
import { MediaExporter } from './media/media-exporter';
import { MediaImporter, type FileOutcome } from './media/media-importer';
import { MediaIndex } from './media/media-index';
import { MediaLibrary } from './media/media-library';
import type { MediaServices } from './media/media-services';
import { TemplateApplications } from './media/template-applications';
import { mediaIncomingDir, resolveMediaFile } from './media/media-store';
import type { MediaVariant } from '../../shared/media-variants';
import { PreviewMaker } from './media/preview-maker';
import { MediaWorkerPool } from './media/worker-pool';
import { PeopleStore } from './people/people-store';
import { loadPolicy } from './policy/policy-file';
import { RevisionService } from './revisions/revision-service';
import { RevisionStore } from './revisions/revision-store';
import { HistorySharing } from './sync/history-sharing';
import { PublishingReader } from './publishing/publishing-reader';
import { Sessions, type EmitEvent } from './sessions';
import { PhotoDeskStore } from './settings/photo-desk-store';
import { readProfile, saveProfile } from './settings/profile';
import { SettingsStore } from './settings/settings-store';
import { backupDatabase, hasBackupFor, type BackupPlace } from './store/backup';
import { encryptPlainBackups } from './store/encrypt-library';
import { resolveLibraryKey } from './secrets/library-key';
import { acquireDataDirLock, type DataDirLock } from './store/data-dir-lock';
import { MIGRATIONS } from './store/migrations';
import { asStoreError, openDatabase, type Database, type LibraryKey } from './store/open-database';
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
  /** The machine policy file; by default the system-wide one (or LEDE_POLICY_FILE). */
  policyFile?: string;
  /** What export and import see of the media library; default: the photo desk's own library. */
  mediaCatalog?: MediaCatalog;
  /** Base of media addresses in exports; default `lede-media://`. */
  mediaHrefBase?: string;
  /** Quiet time after editing before a revision checkpoint (default 2 minutes). */
  revisionIdleMs?: number;
  /** Longest continuous editing without a checkpoint (default 10 minutes). */
  revisionMaxDirtyMs?: number;
  /** How often checkpoints the server has not got yet are sent again (tests: short). */
  historyRetryMs?: number;
  /** How long after a checkpoint it is sent to the newsroom's history. */
  historySendDelayMs?: number;
  /**
   * The bundled media worker (hashing and metadata parsing off the event
   * loop). Default: media-worker.mjs beside the core bundle if it is there;
   * null runs that work inline (tests from source).
   */
  mediaWorkerFile?: string | null;
  /** Files an import works on at once. */
  importConcurrency?: number;
  /** How many documents sync keeps attached at once in the background. */
  syncBackgroundLinks?: number;
  /** Pause before a story the server refused as too large is tried again (after it changed here); default 60 s. */
  syncTooLargeRetryMs?: number;
  /**
   * How secrets (the sync token) are sealed on disk: Electron passes one
   * keyed from the OS keychain; by default the secret file's 600 mode alone
   * protects it (the web shell).
   */
  secretSealer?: SecretSealer;
  /**
   * The data key Electron's main process unwrapped from the OS keychain
   * (ADR 0045); the library's key is derived from it. Without one (the web
   * shell, a desktop without a keychain) the library's key is the file
   * secrets/database.key (ADR 0051).
   */
  dataKey?: Buffer | null;
}

/** What the shells reach below the API: importing from paths or uploads (never from the renderer's hands). */
export interface CoreMedia {
  /** Electron: paths from main's file dialog. Returns the import id; progress comes as events. */
  importPaths(paths: readonly string[]): string;
  /** Web shell: one uploaded file (a temporary file under the data folder) into an open import. */
  importUpload(importId: string, source: ImportSource): Promise<FileOutcome>;
  /** Where uploads are written while they arrive (inside the data folder, so moving them in is a rename). */
  readonly incomingDir: string;
  /**
   * Makes sure the stored file behind `<sha256>/<variant>` is here before a
   * shell serves it: a photo this computer knows only from sync (its
   * document came, its file not yet) is downloaded from the newsroom's
   * server; a preview is made the first time it is asked for. False when it
   * cannot be had (not signed in, the server lacks it, not a photo of ours).
   */
  ensureFile(sha256: string, variant: MediaVariant): Promise<boolean>;
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
  readonly media: CoreMedia;
  /** For tests and benchmarks that need to reach below the API. */
  readonly internals: {
    articles: ArticleService;
    docs: DocStore;
    live: LiveDocs;
    revisions: RevisionService;
    media: MediaServices;
    sync: SyncClient;
    db: Database;
    backups: BackupPlace;
    /** Settles once the rows a crash left stale are rebuilt (they are, in the background, after start). */
    rowsRecovered: Promise<void>;
  };
}

/**
 * Opens the workstation core on a data folder: takes the folder's lock,
 * opens and migrates the database, rebuilds library rows a crash left stale,
 * and serves the API to sessions.
 */
export function openCore(options: CoreOptions): Core {
  const paths = dataPaths(options.dataDir);
  const lock = acquireDataDirLock(paths, `Lede ${options.version} (${options.shell})`);
  const log = options.logger ?? createLogger(paths.logs);
  let db: Database;
  let key: LibraryKey;
  try {
    key = resolveLibraryKey(options.dataDir, options.dataKey ?? null);
    db = openDatabase(paths.database, MIGRATIONS, key, {
      onEncryptionStep: (step) => log.info('encrypting the plain library', { step }),
      onKeptPlainRemoved: () => log.info('removed the plain library kept from before encryption'),
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  try {
    const backups: BackupPlace = { dir: paths.backups, key };
    const { encrypted, failed } = encryptPlainBackups(backups.dir, key.bytes);
    if (encrypted > 0) log.info('encrypted the backups made before the library was encrypted', { count: encrypted });
    for (const backup of failed) log.error('a plain backup could not be encrypted; it is left as it was and tried again at the next start', backup);
    return startCore(options, paths, db, lock, log, backups);
  } catch (error) {
    // Damage found after opening (e.g. while rebuilding library rows): free
    // the folder so the person can restore a backup, and say what happened.
    db.close();
    lock.release();
    throw asStoreError(error, paths.database);
  }
}

function startCore(options: CoreOptions, paths: DataPaths, db: Database, lock: DataDirLock, log: Logger, backups: BackupPlace): Core {
  const docs = new DocStore(db);
  const live = new LiveDocs(db, docs, log);
  const index = new ArticleIndex(db);
  const articles = new ArticleService(live, docs, index, log, {
    deriveDelayMs: options.deriveDelayMs ?? 300,
    compactAfterUpdates: options.compactAfterUpdates,
    // Read when a story is created or moved, after the sync store below exists.
    actingAccount: () => syncStore.account(),
  });
  const people = new PeopleStore(db);
  const settings = new SettingsStore(db, log);
  const sessions = new Sessions();
  const policy = loadPolicy({ file: options.policyFile, log });
  const author = () => readProfile(settings)?.name ?? '';
  const revisionStore = new RevisionStore(db);
  const revisions = new RevisionService(live, revisionStore, author, log, {
    idleMs: options.revisionIdleMs ?? 2 * 60_000,
    maxDirtyMs: options.revisionMaxDirtyMs ?? 10 * 60_000,
  });
  const media = startMedia(options, db, docs, live, settings, sessions, log);
  const syncStore = new SyncStore(db, settings, new SecretStore(options.dataDir, options.secretSealer ?? fileModeSealer, log));
  moveTokenOutOfDatabase(db, syncStore, backups, log);
  const sync = new SyncClient({
    store: syncStore,
    docs,
    live,
    articles,
    media: photoDeskBlobs(options.dataDir, media.services, media.core.incomingDir),
    log,
    backgroundLinks: options.syncBackgroundLinks,
    tooLargeRetryMs: options.syncTooLargeRetryMs,
    emitStatus: (status) => sessions.toAll('sync.status', status),
    emitPresence: (id, people) => sessions.toArticleViewers(id, '', 'sync.presence', { id, people }),
    emitLibraryChanged: (ids) => sessions.toAll('library.changed', { ids }),
    // A sync account replaces the profile's name (bylines, Edited by, presence); the newsroom role stays.
    accountSignedIn: ({ name }) => {
      const profile = readProfile(settings);
      if (profile && profile.name !== name) saveProfile(settings, sessions, { ...profile, name });
    },
    isStoryOpen: (id) => sessions.isOpenAnywhere(id),
    emitMediaChanged: (sha256s) => sessions.toAll('media.changed', { sha256s }),
    backups,
    insecureHosts: () => policy.policy.insecureHosts,
    profileName: author,
  });
  const history = new HistorySharing({
    revisions: revisionStore,
    sync: syncStore,
    offline: () => sync.status().state === 'offline',
    log,
    changed: (docName) => {
      const id = articleIdOf(docName);
      if (id) sessions.toArticleViewers(id, '', 'article.revisionsChanged', { id });
    },
    retryMs: options.historyRetryMs ?? 60_000,
    sendDelayMs: options.historySendDelayMs ?? 1000,
  });
  const handlers = createHandlers({
    db,
    articles,
    revisions,
    interchange: {
      catalog: options.mediaCatalog ?? photoDeskCatalog(media.services, media.core.incomingDir),
      hrefBase: options.mediaHrefBase ?? DEFAULT_MEDIA_HREF_BASE,
    },
    media: media.services,
    people,
    settings,
    sessions,
    sync,
    history,
    publishing: new PublishingReader({ account: () => syncStore.account(), offline: () => sync.status().state === 'offline', log }),
    log,
    policy,
    app: { version: options.version, shell: options.shell },
  });

  live.onStored((change) => {
    const id = articleIdOf(change.docId);
    if (!id) return;
    sessions.toArticleViewers(id, change.echo ? '' : change.origin, 'article.updated', { id, update: bytesToBase64(change.update) });
    revisions.noteEdit(id, change.origin);
  });
  revisions.onChanged((id) => {
    sessions.toArticleViewers(id, '', 'article.revisionsChanged', { id });
    history.checkpointTaken(articleDocName(id));
  });
  // A story closed everywhere gets its last edits checkpointed before it leaves memory.
  articles.onRelease((id) => revisions.flush(id));
  sessions.onFirstOpen((id) => sync.storyOpened(id));
  sessions.onLastClose((id) => {
    try {
      articles.release(id);
    } catch (error) {
      log.warn('could not release story', { id, error });
    }
    sync.storyClosed(id);
  });
  articles.onDerived((ids) => sessions.toAll('library.changed', { ids }));
  // After start-up, a document per turn: requests are answered meanwhile (issue 18: a 61,000-word
  // story's row once kept a restarted core from printing its ready line for minutes).
  let closed = false;
  const rowsRecovered = Promise.all([articles.recoverStaleRows(() => closed), media.services.library.recoverStaleRows(() => closed)]).then(
    () => undefined,
    (error: unknown) => log.error('rebuilding stale rows stopped', { error }),
  );
  sync.start();

  let backupTimer: NodeJS.Timeout | null = null;
  if (options.backupDelayMs !== null && !hasBackupFor(paths.backups)) {
    backupTimer = setTimeout(() => {
      backupDatabase(paths.database, backups).then(
        (file) => log.info('backup written', { file }),
        (error: unknown) => log.error('backup failed', { error }),
      );
    }, options.backupDelayMs ?? 60_000);
    backupTimer.unref();
  }

  log.info('core started', { shell: options.shell, version: options.version, pid: process.pid });

  return {
    dataDir: options.dataDir,
    log,
    media: {
      ...media.core,
      async ensureFile(sha256, variant) {
        if (closed) return false;
        if (!(await resolveMediaFile(options.dataDir, sha256, 'original')) && !(await sync.fetchMedia(sha256).catch(() => false))) return false;
        if (variant === 'preview' || variant === 'loupe') return media.previews.ensure(sha256, variant);
        return (await resolveMediaFile(options.dataDir, sha256, variant)) !== null;
      },
    },
    internals: { articles, docs, live, revisions, media: media.services, sync, db, backups, rowsRecovered },
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
          sessions.remove(session);
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (backupTimer) clearTimeout(backupTimer);
      sync.close();
      history.close();
      // A checkpoint on its way to the server marks itself sent in the database: let it finish (bounded by the request's timeout).
      await history.settled();
      await media.close();
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

function startMedia(options: CoreOptions, db: Database, docs: DocStore, live: LiveDocs, settings: SettingsStore, sessions: Sessions, log: Logger) {
  const index = new MediaIndex(db);
  const library = new MediaLibrary(live, docs, index, log);
  const workerFile = options.mediaWorkerFile === undefined ? defaultMediaWorkerFile() : options.mediaWorkerFile;
  const pool = new MediaWorkerPool(workerFile, Math.max(1, Math.min(2, os.availableParallelism() - 1)));
  // Photos arriving during an import are announced together, a few times a second.
  let changed = new Set<string>();
  let changedTimer: NodeJS.Timeout | null = null;
  const announce = (sha256s: string[]) => {
    for (const sha of sha256s) changed.add(sha);
    changedTimer ??= setTimeout(() => {
      changedTimer = null;
      const list = [...changed];
      changed = new Set();
      sessions.toAll('media.changed', { sha256s: list });
    }, 150);
  };
  library.onChanged(announce);
  const importer = new MediaImporter({
    dataDir: options.dataDir,
    pool,
    library,
    log,
    emit: (progress) => sessions.toAll('media.importProgress', progress),
    concurrency: options.importConcurrency ?? 3,
  });
  const exporter = new MediaExporter(options.dataDir, index, log);
  const incomingDir = mediaIncomingDir(options.dataDir);
  const services: MediaServices = { index, library, importer, exporter, photoDesk: new PhotoDeskStore(settings), templates: new TemplateApplications(library) };
  const core: Omit<CoreMedia, 'ensureFile'> = {
    importPaths: (paths) => importer.importPaths(paths),
    importUpload: (importId, source) => importer.importUpload(importId, source),
    incomingDir,
  };
  return {
    services,
    core,
    previews: new PreviewMaker(options.dataDir, log),
    async close() {
      await importer.close();
      await pool.close();
      if (changedTimer) clearTimeout(changedTimer);
      // Uploads cut off by the shutdown are of no use to anyone.
      fs.rmSync(incomingDir, { recursive: true, force: true });
    },
  };
}

function defaultMediaWorkerFile(): string | null {
  try {
    const file = fileURLToPath(new URL('./media-worker.mjs', import.meta.url));
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}
