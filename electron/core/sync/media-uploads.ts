import type * as Y from 'yjs';
import type { Logger } from '../log';
import { backoffDelay } from './backoff';
import type { MediaBlobs } from './media-blobs';
import type { SyncServerApi } from './server-api';
import type { SyncStore } from './sync-store';

export interface UploadDeps {
  store: SyncStore;
  media: MediaBlobs;
  log: Logger;
  api(): SyncServerApi;
  serverId(): string;
  later(ms: number, fn: () => void): void;
  /** These documents' photos are all on the server now: check them again. */
  uploaded(docIds: string[]): void;
}

/**
 * Photos a story needs on the server before it counts as synced: queued in
 * the library database (so a restart resumes), uploaded one at a time,
 * retried with backoff when the network or the server fails mid-upload.
 */
export class MediaUploads {
  private readonly waiting = new Map<string, Set<string>>();
  private running = false;
  private attempt = 0;
  private epoch = 0;

  constructor(private readonly deps: UploadDeps) {}

  /** A new connection: uploads of the old one stop at their next step. */
  reset(): void {
    this.epoch++;
  }

  get pending(): boolean {
    return this.deps.store.pendingMedia(this.deps.serverId()).length > 0;
  }

  /**
   * The files a document needs that are here but not yet on this server.
   * Each is queued, and the document is told again once they are uploaded.
   */
  missingFor(docId: string, doc: Y.Doc): string[] {
    const { media, store } = this.deps;
    const serverId = this.deps.serverId();
    const missing = media.referencedBy(docId, doc).filter((sha) => media.has(sha) && !store.mediaUploaded(sha, serverId));
    for (const sha of missing) {
      store.queueMedia(sha, serverId);
      let docs = this.waiting.get(sha);
      if (!docs) this.waiting.set(sha, (docs = new Set()));
      docs.add(docId);
    }
    return missing;
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const epoch = this.epoch;
    const tried = new Set<string>();
    const { store, media, log } = this.deps;
    try {
      for (;;) {
        const serverId = this.deps.serverId();
        // Files queued while this runs are picked up on the next round.
        const next = store.pendingMedia(serverId).filter((sha) => !tried.has(sha) && media.has(sha));
        if (next.length === 0 || epoch !== this.epoch) return;
        for (const sha of next) {
          tried.add(sha);
          if (epoch !== this.epoch) return;
          try {
            const api = this.deps.api();
            if (!(await api.hasMedia(sha))) await api.putMedia(sha, await media.read(sha));
            store.mediaDone(sha, serverId);
            this.attempt = 0;
            const docs = [...(this.waiting.get(sha) ?? [])];
            this.waiting.delete(sha);
            this.deps.uploaded(docs);
          } catch (error) {
            const attempts = store.mediaFailed(sha, serverId, (error as Error).message);
            log.warn('sync: a photo upload failed; will retry', { sha, attempts, error: (error as Error).message });
            this.deps.later(backoffDelay(this.attempt++), () => void this.run().catch(() => undefined));
            return;
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}
