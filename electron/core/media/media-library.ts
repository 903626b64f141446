import { mediaDocName, mediaKind, projectMedia } from '../../../shared/documents/media-kind';
import { DerivedRows } from '../docs/derived-rows';
import { LedeError } from '../../../shared/errors';
import { applyMediaPatch, readMediaFields, seedMedia, type MediaFileFacts } from '../../../shared/media-doc';
import { REWRITABLE_FIELDS, asRivalVersion, rivalVersions, rivalsOf, settleRival, type RivalVersion } from '../../../shared/field-rewrites';
import type { MediaFields } from '../../../shared/media-fields';
import { applyCull, type CullValues } from '../../../shared/media-cull';
import type { DocStore } from '../docs/doc-store';
import type { ChangeOrigin, LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import type { MediaIndex, MediaRow } from './media-index';

/** One photo's fields before and after a change (`changed`: something was stored). */
export interface MediaRevision {
  sha256: string;
  changed: boolean;
  before: MediaFields;
  after: MediaFields;
}

/**
 * Photos as documents: each one's editable metadata is a Yjs document
 * (`media:<sha256>`) stored like a story, every change appended in the
 * transaction that acknowledges it, and its `media` row derived from it.
 * Documents are loaded only while they change, so a library of thousands of
 * photos costs no memory at rest.
 */
export class MediaLibrary {
  private changedListener: ((sha256s: string[]) => void) | null = null;
  /** A photo's row is derived in the transaction that changes it; one that changed by sync is derived at once. */
  private readonly rows: DerivedRows;

  constructor(
    private readonly live: LiveDocs,
    private readonly store: DocStore,
    private readonly index: MediaIndex,
    log: Logger,
  ) {
    this.rows = new DerivedRows(live, store, log, {
      kind: mediaKind,
      deriveDelayMs: null,
      compaction: mediaKind.compaction,
      write: (sha256, docName, doc, info) => index.write(sha256, docName, projectMedia(doc), info.lastSeq),
    });
    // A photo's metadata changed on another computer and arrived by sync: its
    // row follows (the file itself comes on demand, when it is first shown).
    this.rows.onDerived((sha256s) => this.changedListener?.(sha256s));
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
  create(sha256: string, facts: MediaFileFacts, fields: Partial<MediaFields>, cull: Partial<CullValues> = {}): void {
    const docName = mediaDocName(sha256);
    this.store.transaction(() => {
      if (!this.live.has(docName)) this.live.create(docName, 'media', (doc) => seedMedia(doc, facts, fields, cull));
      this.rows.derive(sha256);
    });
    this.live.unload(docName);
    this.changedListener?.([sha256]);
  }

  /** Changes the given fields of each photo; everything else on it is left as it is. */
  update(changes: ReadonlyArray<{ sha256: string; fields: Partial<MediaFields> }>, origin: ChangeOrigin): string[] {
    return this.revise(
      changes.map(({ sha256, fields }) => ({ sha256, patch: () => fields })),
      origin,
    )
      .filter((revision) => revision.changed)
      .map((revision) => revision.sha256);
  }

  /**
   * Changes each photo by a patch decided from its fields as they are in its
   * document at that moment (a template's "empty fields only", an undo that
   * must not overwrite a later edit), and says what each photo held before
   * and after. All photos are stored in one transaction, or none.
   */
  revise(revisions: ReadonlyArray<{ sha256: string; patch: (current: MediaFields) => Partial<MediaFields> }>, origin: ChangeOrigin): MediaRevision[] {
    for (const { sha256 } of revisions) {
      if (!this.has(sha256)) throw new LedeError('not_found', `There is no photo ${sha256.slice(0, 12)}… in this library.`);
    }
    const done: MediaRevision[] = [];
    // One transaction: thirty captions fixed at once are stored together or not at all.
    this.store.transaction(() => {
      for (const { sha256, patch } of revisions) {
        const docName = mediaDocName(sha256);
        const before = this.store.info(docName)?.lastSeq;
        let fieldsBefore: MediaFields | null = null;
        let fieldsAfter: MediaFields | null = null;
        this.live.change(
          docName,
          (doc) => {
            fieldsBefore = readMediaFields(doc);
            applyMediaPatch(doc, patch(fieldsBefore));
            fieldsAfter = readMediaFields(doc);
          },
          origin,
        );
        const changed = this.store.info(docName)?.lastSeq !== before;
        if (changed) this.rows.derive(sha256);
        done.push({ sha256, changed, before: fieldsBefore!, after: fieldsAfter! });
      }
    });
    for (const { sha256 } of revisions) this.rows.release(sha256);
    const changed = done.filter((revision) => revision.changed).map((revision) => revision.sha256);
    if (changed.length) this.changedListener?.(changed);
    return done;
  }

  /**
   * Culling (ADR 0070): sets the same stars, label, tag or rejection on every
   * photo given, in one transaction; an unknown photo refuses the call before
   * anything is written. Returns the photos that changed.
   */
  cull(sha256s: readonly string[], set: Partial<CullValues>, origin: ChangeOrigin): string[] {
    for (const sha256 of sha256s) {
      if (!this.has(sha256)) throw new LedeError('not_found', `There is no photo ${sha256.slice(0, 12)}… in this library.`);
    }
    const unique = [...new Set(sha256s)];
    const changed: string[] = [];
    this.store.transaction(() => {
      for (const sha256 of unique) {
        const docName = mediaDocName(sha256);
        const before = this.store.info(docName)?.lastSeq;
        this.live.change(docName, (doc) => applyCull(doc, set), origin);
        if (this.store.info(docName)?.lastSeq !== before) {
          this.rows.derive(sha256);
          changed.push(sha256);
        }
      }
    });
    for (const sha256 of unique) this.rows.release(sha256);
    if (changed.length) this.changedListener?.(changed);
    return changed;
  }

  /** The rival versions of a photo's short fields (ADR 0061), read from its document on disk. */
  rivals(sha256: string): Array<RivalVersion & { id: string }> {
    const doc = this.store.load(mediaDocName(sha256));
    if (!doc) throw new LedeError('not_found', `There is no photo ${sha256.slice(0, 12)}… in this library.`);
    try {
      return REWRITABLE_FIELDS.media.flatMap((field) => rivalsOf(doc, field.field).map(({ id, rival }) => ({ id, ...rival })));
    } finally {
      doc.destroy();
    }
  }

  /** "Use this" / "Keep mine" on a photo: one change, like update(); false when the rival was settled already. */
  settleRival(sha256: string, id: string, write: string | null, origin: ChangeOrigin): boolean {
    if (!this.has(sha256)) throw new LedeError('not_found', `There is no photo ${sha256.slice(0, 12)}… in this library.`);
    const docName = mediaDocName(sha256);
    let settled = false;
    this.store.transaction(() => {
      this.live.change(
        docName,
        (doc) => {
          settled = asRivalVersion(rivalVersions(doc).get(id)) !== null;
          settleRival(doc, 'media', id, write);
        },
        origin,
      );
      if (settled) this.rows.derive(sha256);
    });
    this.rows.release(sha256);
    if (settled) this.changedListener?.([sha256]);
    return settled;
  }

  get(sha256s: readonly string[]): MediaRow[] {
    return this.index.get(sha256s);
  }

  /** Rebuilds rows a crash left behind their documents, in the background (DerivedRows.recover). */
  recoverStaleRows(stopped: () => boolean): Promise<number> {
    return this.rows.recover(this.index.staleDocIds(), stopped);
  }
}
