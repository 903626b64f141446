import * as Y from 'yjs';
import type { UpdateRefusal } from '../../shared/documents/document-kind';
import { DOCUMENT_KINDS } from '../../shared/documents/kinds';
import type { DocKind } from '../../shared/documents/doc-names';
import type { Actor } from '../../shared/workflow/story-rules';
import { mayTouchWatched } from './update-reach';
import { copyWithOnlyMap } from './watched-copy';

export type GuardVerdict =
  | { kind: 'accepted'; checked: false }
  /** Looked at in full: `after` reads the guarded map as it will be (destroy it when done). */
  | { kind: 'accepted'; checked: true; after: Y.Doc }
  | { kind: 'refused'; refusal: UpdateRefusal };

const PENDING: UpdateRefusal = {
  message: 'The change depends on changes the server does not have. Lede sends it again once it has them.',
  restore: {},
};
const MALFORMED: UpdateRefusal = { message: 'The change could not be read.', restore: {} };

/**
 * The document kind's server rules, run on one writer's update before
 * Hocuspocus applies or relays it. An update that cannot reach a guarded
 * key is let through as it is; one that may is applied to a copy of the
 * document and judged on the before and after.
 */
export function judgeUpdate(document: Y.Doc, kind: DocKind, update: Uint8Array, actor: Actor): GuardVerdict {
  const guard = DOCUMENT_KINDS[kind].serverGuard;
  if (!guard || !mayTouchWatched(document, update, guard.watched)) return { kind: 'accepted', checked: false };
  // The guard reads only its watched map: the document itself before, a copy of that map after.
  const after = copyWithOnlyMap(document, guard.watched.map);
  try {
    Y.applyUpdate(after, update);
  } catch {
    after.destroy();
    return { kind: 'refused', refusal: MALFORMED };
  }
  if (after.store.pendingStructs !== null || after.store.pendingDs !== null) {
    after.destroy();
    return { kind: 'refused', refusal: PENDING };
  }
  const refusal = guard.refused(document, after, actor);
  if (refusal) {
    after.destroy();
    return { kind: 'refused', refusal };
  }
  return { kind: 'accepted', checked: true, after };
}
