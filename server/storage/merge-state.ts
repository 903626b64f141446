import * as Y from 'yjs';
import { DOCUMENT_KINDS } from '../../shared/documents/kinds';
import type { DocKind } from '../../shared/documents/doc-names';
import type { CatalogSummary } from '../../shared/documents/document-kind';

export interface MergedState {
  /** The merged state to store (everything stored before, plus the update). */
  state: Uint8Array;
  /** Yjs snapshot (state vector + delete set) of exactly that state. */
  snapshot: Uint8Array;
  /** False when the update added nothing to what was stored: nothing to write. */
  changed: boolean;
  /** Bytes of the merged state, for the per-document size limit. */
  stateBytes: number;
  headline: string;
  status: string;
  desk: string | null;
  /** The stored document read before the merge (null: new here) and after, for the audit trail. */
  before: CatalogSummary | null;
  after: CatalogSummary;
}

/**
 * Merges an update (or the updates a document received since its last
 * store, in order) into the stored state. Yjs merges are commutative and
 * idempotent, so whatever order two saves arrive in, the result holds both:
 * an older state can add nothing that is not already there and can never
 * take anything away. Deletions are part of the state (the delete set), so
 * they merge the same way.
 */
export function mergeState(stored: Uint8Array | null, update: Uint8Array | readonly Uint8Array[], kind: DocKind): MergedState {
  const doc = new Y.Doc();
  const updates = update instanceof Uint8Array ? [update] : update;
  try {
    if (stored) Y.applyUpdate(doc, stored);
    const summarize = DOCUMENT_KINDS[kind].catalogSummary;
    const before = stored ? summarize(doc) : null;
    const storedSnapshot = Y.snapshot(doc);
    const changed = !stored || updates.some((one) => !Y.snapshotContainsUpdate(storedSnapshot, one));
    if (changed) Y.transact(doc, () => updates.forEach((one) => Y.applyUpdate(doc, one)));
    const after = changed ? summarize(doc) : before!;
    const state = changed ? Y.encodeStateAsUpdate(doc) : stored!;
    const { headline, status, desk } = after;
    return { state, snapshot: Y.encodeSnapshot(Y.snapshot(doc)), changed, stateBytes: state.byteLength, headline, status, desk, before, after };
  } finally {
    doc.destroy();
  }
}

/** What a stored state says of itself (the purge route asks whether a story is in the trash). */
export function summarizeState(state: Uint8Array, kind: DocKind): CatalogSummary {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return DOCUMENT_KINDS[kind].catalogSummary(doc);
  } finally {
    doc.destroy();
  }
}
