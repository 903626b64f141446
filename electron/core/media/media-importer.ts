import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventPayloadOf } from '../../../shared/contract';
import { LedeError } from '../../../shared/errors';
import type { MediaFileFacts } from '../../../shared/media-doc';
import type { Logger } from '../log';
import { expandSources, type ImportSource } from './import-sources';
import type { MediaLibrary } from './media-library';
import { moveFileDurably, writeFileDurably } from '../files/durable-files';
import { resolveMediaFile, variantPath } from './media-store';
import { makeThumbnail, RenditionError } from './renditions';
import type { MediaWorkerPool } from './worker-pool';

export type ImportProgress = EventPayloadOf<'media.importProgress'>;

export type FileOutcome =
  | { status: 'imported' | 'duplicate'; sha256: string; name: string }
  | { status: 'failed'; name: string; reason: string }
  | { status: 'cancelled'; name: string };

interface Job {
  progress: ImportProgress;
  cancelled: boolean;
  lastEmit: number;
  timer: NodeJS.Timeout | null;
}

const PROGRESS_INTERVAL_MS = 100;
const MAX_REPORTED_ERRORS = 500;

export interface MediaImporterOptions {
  dataDir: string;
  pool: MediaWorkerPool;
  library: MediaLibrary;
  log: Logger;
  emit(progress: ImportProgress): void;
  /** Files worked on at once: enough to keep hashing, decoding and disk busy together. */
  concurrency: number;
}

/**
 * Imports photos: each file is hashed and its metadata read in a worker
 * thread, decoded once into its thumbnail by sharp (libuv threads; the 1000 px
 * preview is made the first time something shows it — preview-maker.ts, ADR
 * 0015), stored under its hash, and registered as a media document. Several files
 * are in flight at once so the stages overlap. A bad file is reported with
 * its name and reason and the rest go on; cancel stops before the next file.
 */
export class MediaImporter {
  private readonly jobs = new Map<string, Job>();
  /** Files being stored right now, by hash: the same photo twice in one import is one asset. */
  private readonly storing = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: MediaImporterOptions) {}

  /** Starts importing files and folders given by path (Electron's file dialog, tests). */
  importPaths(paths: readonly string[]): string {
    const job = this.newJob(0);
    const work = (async () => {
      const { sources, errors } = await expandSources(paths);
      job.progress.total = sources.length + errors.length;
      for (const error of errors) this.record(job, { status: 'failed', name: error.file, reason: error.reason });
      await this.runQueue(job, sources);
      this.finish(job);
    })().catch((error: unknown) => {
      this.options.log.error('import failed', { error });
      this.finish(job);
    });
    this.track(work);
    return job.progress.importId;
  }

  /** Opens an import whose files arrive one by one (the web shell's uploads). */
  begin(total: number): string {
    return this.newJob(total).progress.importId;
  }

  /** Imports one uploaded file into an open import; resolves with what became of it. */
  async importUpload(importId: string, source: ImportSource): Promise<FileOutcome> {
    const job = this.jobs.get(importId);
    if (!job || job.progress.state !== 'running') {
      await removeTemporary(source);
      throw new LedeError('not_found', 'This import is over (finished or cancelled); start a new one.');
    }
    const outcome = job.cancelled ? await this.cancelled(source) : await this.importOne(job, source);
    this.record(job, outcome);
    if (job.progress.done >= job.progress.total) this.finish(job);
    return outcome;
  }

  /**
   * A file of an upload import that never arrived: refused with the page's
   * reason. Counted only while the import still waits for files, so a file
   * that did arrive after all cannot push it past its total.
   */
  recordUnsent(importId: string, name: string, reason: string): boolean {
    const job = this.jobs.get(importId);
    if (!job || job.progress.state !== 'running' || !this.isUploadJob(job) || job.progress.done >= job.progress.total) return false;
    this.record(job, { status: 'failed', name, reason });
    if (job.progress.done >= job.progress.total) this.finish(job);
    return true;
  }

  cancel(importId: string): boolean {
    const job = this.jobs.get(importId);
    if (!job || job.progress.state !== 'running') return false;
    job.cancelled = true;
    // Uploads have no queue of their own: files not sent yet simply never come.
    if (job.progress.total > 0 && this.isUploadJob(job)) this.finish(job);
    return true;
  }

  progress(importId: string): ImportProgress | null {
    return this.jobs.get(importId)?.progress ?? null;
  }

  /** Cancels every import and waits for the files in flight (each is stored whole or not at all). */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.cancelled = true;
    await Promise.allSettled([...this.running]);
  }

  private uploadJobs = new WeakSet<Job>();

  private isUploadJob(job: Job): boolean {
    return this.uploadJobs.has(job);
  }

  private newJob(total: number): Job {
    const job: Job = {
      progress: { importId: randomUUID(), state: 'running', total, done: 0, imported: 0, duplicates: 0, failed: 0, current: '', errors: [] },
      cancelled: false,
      lastEmit: 0,
      timer: null,
    };
    if (total > 0) this.uploadJobs.add(job);
    this.jobs.set(job.progress.importId, job);
    this.emitSoon(job);
    return job;
  }

  private async runQueue(job: Job, sources: ImportSource[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < sources.length) {
        const source = sources[next++]!;
        if (job.cancelled) return;
        job.progress.current = source.name;
        this.record(job, await this.importOne(job, source));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency) }, lane));
  }

  private async importOne(job: Job, source: ImportSource): Promise<FileOutcome> {
    const outcome = await this.tryImport(job, source);
    // An upload's temporary file was moved into the store if imported; otherwise it goes now.
    if (outcome.status !== 'imported') await removeTemporary(source);
    return outcome;
  }

  private async tryImport(job: Job, source: ImportSource): Promise<FileOutcome> {
    const name = source.name;
    job.progress.current = name;
    this.emitSoon(job);
    try {
      const { inspected, data } = await this.options.pool.inspect(source.file);
      if (!inspected.ok || !data) return { status: 'failed', name, reason: inspected.ok ? 'The file could not be read.' : inspected.reason };
      const { sha256 } = inspected;
      const pending = this.storing.get(sha256);
      if (pending) await pending.catch(() => undefined);
      // Known and stored: a duplicate. Known but without its file (the photo's
      // document came by sync, the file is downloaded now): store the file.
      if (this.options.library.has(sha256) && (await resolveMediaFile(this.options.dataDir, sha256, 'original'))) {
        return { status: 'duplicate', sha256, name };
      }
      const store = this.store(source, sha256, inspected, data);
      this.storing.set(sha256, store);
      try {
        await store;
      } finally {
        this.storing.delete(sha256);
      }
      return { status: 'imported', sha256, name };
    } catch (error) {
      if (error instanceof RenditionError || error instanceof LedeError) return { status: 'failed', name, reason: error.message };
      this.options.log.error('import of one file failed', { error });
      return { status: 'failed', name, reason: `Lede could not store it (${error instanceof Error ? error.message : String(error)}).` };
    }
  }

  private async store(
    source: ImportSource,
    sha256: string,
    inspected: Extract<Awaited<ReturnType<MediaWorkerPool['inspect']>>['inspected'], { ok: true }>,
    data: Buffer,
  ): Promise<void> {
    const { dataDir, library } = this.options;
    const renditions = await makeThumbnail(data);
    const original = variantPath(dataDir, sha256, 'original', inspected.format);
    // Files first, durably (fsynced, their folder too), the row last: a hash
    // the library knows always has its files, even after a power cut.
    await Promise.all([
      // The very bytes that were hashed (the file on the card could change meanwhile).
      source.temporary ? moveFileDurably(source.file, original) : writeFileDurably(original, data),
      writeFileDurably(variantPath(dataDir, sha256, 'thumb'), renditions.thumb),
    ]);
    const { metadata } = inspected;
    const facts: MediaFileFacts = {
      filename: path.basename(source.name),
      format: inspected.format,
      bytes: data.byteLength,
      width: renditions.width,
      height: renditions.height,
      takenAt: metadata.takenAt,
      camera: metadata.camera,
      lens: metadata.lens,
      importedAt: new Date().toISOString(),
    };
    library.create(sha256, facts, metadata.fields, metadata.cull);
  }

  private async cancelled(source: ImportSource): Promise<FileOutcome> {
    await removeTemporary(source);
    return { status: 'cancelled', name: source.name };
  }

  private record(job: Job, outcome: FileOutcome): void {
    const progress = job.progress;
    progress.done += 1;
    if (outcome.status === 'imported') progress.imported += 1;
    else if (outcome.status === 'duplicate') progress.duplicates += 1;
    else if (outcome.status === 'failed') {
      progress.failed += 1;
      if (progress.errors.length < MAX_REPORTED_ERRORS) progress.errors.push({ file: outcome.name, reason: outcome.reason });
      this.options.log.warn('import refused a file', { reason: outcome.reason });
    }
    this.emitSoon(job);
  }

  private finish(job: Job): void {
    if (job.progress.state !== 'running') return;
    job.progress.state = job.cancelled ? 'cancelled' : 'finished';
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    this.emitNow(job);
    // Kept a while for late questions, then forgotten.
    setTimeout(() => this.jobs.delete(job.progress.importId), 60_000).unref();
  }

  /** Progress at most every 100 ms per import: 500 files must not mean 1,500 events. */
  private emitSoon(job: Job): void {
    if (job.timer || job.progress.state !== 'running') return;
    const wait = Math.max(0, job.lastEmit + PROGRESS_INTERVAL_MS - Date.now());
    job.timer = setTimeout(() => {
      job.timer = null;
      if (job.progress.state === 'running') this.emitNow(job);
    }, wait);
  }

  private emitNow(job: Job): void {
    job.lastEmit = Date.now();
    this.options.emit({ ...job.progress, errors: [...job.progress.errors] });
  }

  private track(work: Promise<unknown>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }
}

async function removeTemporary(source: ImportSource): Promise<void> {
  if (source.temporary) await fs.promises.rm(source.file, { force: true });
}
