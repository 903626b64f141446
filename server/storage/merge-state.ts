import * as Y from 'yjs';
import { DOCUMENT_KINDS } from '../../shared/documents/kinds';
import type { DocKind } from '../../shared/documents/doc-names';

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
    const before = Y.snapshot(doc);
    const changed = !stored || updates.some((one) => !Y.snapshotContainsUpdate(before, one));
    if (changed) Y.transact(doc, () => updates.forEach((one) => Y.applyUpdate(doc, one)));
    const { headline, status, desk } = DOCUMENT_KINDS[kind].catalogSummary(doc);
    const state = changed ? Y.encodeStateAsUpdate(doc) : stored!;
    return { state, snapshot: Y.encodeSnapshot(Y.snapshot(doc)), changed, stateBytes: state.byteLength, headline, status, desk };
  } finally {
    doc.destroy();
  }
}
