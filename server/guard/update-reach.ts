import * as Y from 'yjs';

/** The root map and keys a guard watches (a DocumentKind's `serverGuard.watched`). */
export interface Watched {
  map: string;
  keys: readonly string[];
}

/**
 * Whether an update may change a watched key of a root map in `doc`,
 * decided from the update's structure alone — what nearly every update
 * (a keystroke) needs, without copying the document:
 * - a new map entry names its map and key, or inherits them from the entry
 *   it overwrites (its origin), found in the update or in the document;
 * - a deletion may remove a watched entry;
 * - anything that cannot be placed (an origin or parent the document does
 *   not have, a gap in a client's clock, a deletion of what does not exist
 *   yet) answers true: Yjs would keep it pending and apply it later, with
 *   some other update, so it must be looked at in full now (and is refused
 *   there if it stays pending).
 * A malformed update also answers true: the full check refuses it.
 */
export function mayTouchWatched(doc: Y.Doc, update: Uint8Array, watched: Watched): boolean {
  let decoded: { structs: Array<Y.Item | Y.GC | { id: Y.ID; length: number }>; ds: { clients: Map<number, Array<{ clock: number; len: number }>> } };
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
  } catch {
    return true;
  }
  const keys = new Set(watched.keys);
  const root = doc.share.get(watched.map) ?? null;
  const store = doc.store;

  // The update's own structs by client, in clock order, to place references within it.
  const own = new Map<number, Array<Y.Item | Y.GC | { id: Y.ID; length: number }>>();
  for (const struct of decoded.structs) {
    const list = own.get(struct.id.client) ?? [];
    list.push(struct);
    own.set(struct.id.client, list);
  }
  const ownAt = (id: Y.ID) => own.get(id.client)?.find((struct) => struct.id.clock <= id.clock && id.clock < struct.id.clock + struct.length) ?? null;
  const known = (id: Y.ID) => id.clock < Y.getState(store, id.client);

  // No gaps: each client's first struct must follow on from what the document has.
  for (const [client, list] of own) if (list[0]!.id.clock > Y.getState(store, client)) return true;

  type Reach = 'watched' | 'other' | 'unplaced';
  const seen = new Map<Y.Item, Reach>();
  const docEntry = (item: Y.Item | Y.GC): Reach =>
    item instanceof Y.Item && root !== null && item.parent === root && item.parentSub !== null && keys.has(item.parentSub) ? 'watched' : 'other';
  const reach = (item: Y.Item, depth: number): Reach => {
    const memo = seen.get(item);
    if (memo) return memo;
    let result: Reach;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      result = parent === watched.map && item.parentSub !== null && keys.has(item.parentSub) ? 'watched' : 'other';
    } else if (parent !== null) {
      // A nested type's content: never an entry of a root map. Its parent must exist, though.
      const id = parent as Y.ID;
      result = known(id) || ownAt(id) ? 'other' : 'unplaced';
    } else {
      const ref = item.origin ?? item.rightOrigin;
      if (!ref || depth > 10_000) result = 'unplaced';
      else if (known(ref)) result = docEntry(Y.getItem(store, ref));
      else {
        const inUpdate = ownAt(ref);
        result = inUpdate instanceof Y.Item ? reach(inUpdate, depth + 1) : inUpdate ? 'other' : 'unplaced';
      }
    }
    seen.set(item, result);
    return result;
  };
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already in the document: Yjs skips it.
    if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
    if (reach(struct, 0) !== 'other') return true;
  }

  for (const [client, ranges] of decoded.ds.clients) {
    const structs = store.clients.get(client) ?? [];
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      // Deleting what the document does not have: only the update's own structs may fill that gap.
      if (end > state) {
        for (const struct of own.get(client) ?? []) {
          if (struct instanceof Y.Item && struct.id.clock < end && struct.id.clock + struct.length > clock && reach(struct, 0) !== 'other') return true;
        }
        const ownEnd = Math.max(state, ...(own.get(client) ?? []).map((struct) => struct.id.clock + struct.length));
        if (end > ownEnd) return true;
      }
      if (clock >= state) continue;
      for (let index = Y.findIndexSS(structs, clock); index < structs.length && structs[index]!.id.clock < end; index++) {
        const struct = structs[index]!;
        // Deleting again what is deleted changes nothing.
        if (!struct.deleted && docEntry(struct) === 'watched') return true;
      }
    }
  }
  return false;
}
