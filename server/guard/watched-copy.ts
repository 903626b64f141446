import * as Y from 'yjs';

/**
 * A copy of `doc` that holds one root map exactly (its entries, their
 * order and deletions) and nothing else: every other struct is replaced by
 * a GC run of the same clocks. It has the document's state vector, so an
 * update applies to it as it would to the document — the map's entries
 * only ever build on entries of the same map and key — and the map reads
 * the same before and after. What the server judges a status move on,
 * without copying a long story's text (a full copy of the largest story
 * takes about as long as storing it).
 */
export function copyWithOnlyMap(doc: Y.Doc, mapName: string): Y.Doc {
  const root = doc.share.get(mapName) ?? null;
  const encoder = new Y.UpdateEncoderV1();
  const clients = [...doc.store.clients.entries()].filter(([, structs]) => structs.length > 0);
  encoder.writeLen(clients.length);
  for (const [client, structs] of clients) {
    const runs: Array<Y.Item | { clock: number; length: number }> = [];
    for (const struct of structs) {
      if (root !== null && struct instanceof Y.Item && struct.parent === root) {
        runs.push(struct);
        continue;
      }
      const last = runs[runs.length - 1];
      if (last && !(last instanceof Y.Item) && last.clock + last.length === struct.id.clock) last.length += struct.length;
      else runs.push({ clock: struct.id.clock, length: struct.length });
    }
    encoder.writeLen(runs.length);
    encoder.writeClient(client);
    encoder.writeLen(structs[0]!.id.clock);
    for (const run of runs) {
      if (run instanceof Y.Item) run.write(encoder, 0);
      else new Y.GC(Y.createID(client, run.clock), run.length).write(encoder, 0);
    }
  }
  // The delete set, as Yjs writes it (V1): per client, its deleted ranges.
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients;
  encoder.writeLen(deleted.size);
  for (const [client, ranges] of deleted) {
    encoder.resetDsCurVal();
    encoder.writeLen(client);
    encoder.writeLen(ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.len);
    }
  }
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, encoder.toUint8Array());
  return copy;
}
