import * as Y from 'yjs';

/**
 * A copy of `doc` that holds one root map exactly (its entries, their
 * order and deletions) and nothing else: every other struct is replaced by
 * a GC run of the same clocks. It has the document's state vector, so an
 * update applies to it as it would to the document — the map's entries
 * only ever build on entries of the same map and key — and the map reads
 * the same after it. What the server judges a status move on, without
 * copying a long story's text (a full copy of the largest story takes about
 * as long as storing it). Costs the map's entries and the document's
 * clients, not its length.
 */
export function copyWithOnlyMap(doc: Y.Doc, mapName: string): Y.Doc {
  const root = doc.share.get(mapName) as (Y.AbstractType<unknown> & { _map: Map<string, Y.Item>; _start: Y.Item | null }) | undefined;
  // Every entry of the map: each key's chain (the winner and, leftwards, what it overwrote), and any list content.
  const entries = new Map<number, Y.Item[]>();
  const add = (item: Y.Item) => {
    const list = entries.get(item.id.client) ?? [];
    list.push(item);
    entries.set(item.id.client, list);
  };
  if (root) {
    for (const last of root._map.values()) for (let item: Y.Item | null = last; item !== null; item = item.left) add(item);
    for (let item = root._start; item !== null; item = item.right) add(item);
  }
  const encoder = new Y.UpdateEncoderV1();
  const clients = [...doc.store.clients.keys()].map((client) => [client, Y.getState(doc.store, client)] as const).filter(([, state]) => state > 0);
  encoder.writeLen(clients.length);
  for (const [client, state] of clients) {
    const items = (entries.get(client) ?? []).sort((a, b) => a.id.clock - b.id.clock);
    const runs: Array<Y.Item | { clock: number; length: number }> = [];
    let clock = 0;
    for (const item of items) {
      if (item.id.clock > clock) runs.push({ clock, length: item.id.clock - clock });
      runs.push(item);
      clock = item.id.clock + item.length;
    }
    if (state > clock) runs.push({ clock, length: state - clock });
    encoder.writeLen(runs.length);
    encoder.writeClient(client);
    encoder.writeLen(0);
    for (const run of runs) {
      if (run instanceof Y.Item) run.write(encoder, 0);
      else new Y.GC(Y.createID(client, run.clock), run.length).write(encoder, 0);
    }
  }
  // The delete set, as Yjs writes it (V1): the map's deleted entries (GC runs are deleted by nature).
  const deleted = [...entries].map(([client, items]) => [client, items.filter((item) => item.deleted)] as const).filter(([, items]) => items.length > 0);
  encoder.writeLen(deleted.length);
  for (const [client, items] of deleted) {
    encoder.resetDsCurVal();
    encoder.writeLen(client);
    encoder.writeLen(items.length);
    for (const item of items) {
      encoder.writeDsClock(item.id.clock);
      encoder.writeDsLen(item.length);
    }
  }
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, encoder.toUint8Array());
  return copy;
}
