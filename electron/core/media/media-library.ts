import { LedeError } from '../../../shared/errors';
import { applyMediaPatch, mediaDocName, mediaShaOf, readMediaFacts, readMediaFields, seedMedia, type MediaFileFacts } from '../../../shared/media-doc';
import type { MediaFields } from '../../../shared/media-fields';
import type { DocStore } from '../docs/doc-store';
import { SYNC_ORIGIN, type ChangeOrigin, type LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import type { MediaIndex, MediaRow } from './media-index';

/** Updates a photo's document may collect before it is compacted into one snapshot. */
const COMPACT_AFTER_UPDATES = 50;

/**
 * Photos as documents: each one's editable metadata is a Yjs document
 * (`media:<sha256>`) stored like a story, every change appended in the
 * transaction that acknowledges it, and its `media` row derived from it.
 * Documents are loaded only while they change, so a library of thousands of
 * photos costs no memory at rest.
 */
export class MediaLibrary {
  private changedListener: ((sha256s: string[]) => void) | null = null;

  constructor(
    private readonly live: LiveDocs,
    private readonly store: DocStore,
    private readonly index: MediaIndex,
    private readonly log: Logger,
  ) {
    // A photo's metadata changed on another computer and arrived by sync: its
    // row follows (the file itself comes on demand, when it is first shown).
    live.onStored((change) => {
      if (change.origin !== SYNC_ORIGIN) return;
      const sha256 = mediaShaOf(change.docId);
      if (!sha256) return;
      try {
        this.derive(sha256);
      } catch (error) {
        this.log.error('could not derive a synced photo row', { sha256, error });
        return;
      }
      this.release(sha256);
      this.changedListener?.([sha256]);
    });
  }

  onChanged(listener: (sha256s: string[]) => void): void {
    this.changedListener = listener;
  }

  has(sha256: string): boolean {
    return this.index.has(sha256) || this.live.has(mediaDocName(sha256));
  }

  /**
   * Registers an imported photo: its document, seeded once, and its row. A
   * photo whose document arrived by sync before its file (downloaded now)
   * keeps that document — the desk's edits — and only gets its row.
   */
  create(sha256: string, facts: MediaFileFacts, fields: Partial<MediaFields>): void {
    const docName = mediaDocName(sha256);
    this.store.transaction(() => {
      if (!this.live.has(docName)) this.live.create(docName, 'media', (doc) => seedMedia(doc, facts, fields));
      this.derive(sha256);
    });
    this.live.unload(docName);
    this.changedListener?.([sha256]);
  }

  /** Changes the given fields of each photo; everything else on it is left as it is. */
  update(changes: ReadonlyArray<{ sha256: string; fields: Partial<MediaFields> }>, origin: ChangeOrigin): string[] {
    for (const { sha256 } of changes) {
      if (!this.has(sha256)) throw new LedeError('not_found', `There is no photo ${sha256.slice(0, 12)}… in this library.`);
    }
    const changed: string[] = [];
    // One transaction: thirty captions fixed at once are stored together or not at all.
    this.store.transaction(() => {
      for (const { sha256, fields } of changes) {
        const docName = mediaDocName(sha256);
        const before = this.store.info(docName)?.lastSeq;
        this.live.change(docName, (doc) => applyMediaPatch(doc, fields), origin);
        if (this.store.info(docName)?.lastSeq !== before) {
          this.derive(sha256);
          changed.push(sha256);
        }
      }
    });
    for (const sha256 of changes.map((change) => change.sha256)) this.release(sha256);
    if (changed.length) this.changedListener?.(changed);
    return changed;
  }

  get(sha256s: readonly string[]): MediaRow[] {
    return this.index.get(sha256s);
  }

  /** Rebuilds rows a crash left behind their documents. */
  recoverStaleRows(): number {
    const stale = this.index.staleDocIds();
    for (const docId of stale) {
      const sha256 = mediaShaOf(docId);
      if (!sha256) continue;
      try {
        this.derive(sha256);
      } catch (error) {
        this.log.error('could not rebuild a photo row', { sha256, error });
      }
      this.live.unload(docId);
    }
    if (stale.length) this.log.info('rebuilt photo rows', { count: stale.length });
    return stale.length;
  }

  private derive(sha256: string): void {
    const docName = mediaDocName(sha256);
    const doc = this.live.get(docName);
    const info = this.store.info(docName)!;
    this.index.write(sha256, docName, readMediaFacts(doc), readMediaFields(doc), info.lastSeq);
  }

  private release(sha256: string): void {
    const docName = mediaDocName(sha256);
    if (this.store.pendingUpdates(docName) >= COMPACT_AFTER_UPDATES) this.store.compact(docName);
    this.live.unload(docName);
  }
}
