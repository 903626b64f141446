import * as Y from 'yjs';
import type { DocKind } from '../../shared/documents/doc-names';
import {
  OFFLINE_REWRITES,
  asOfflineRewrite,
  offlineRewrites,
  replacedMost,
  rewritableField,
  rivalVersions,
  type OfflineRewrite,
  type RewritableField,
  type RivalVersion,
} from '../../shared/field-rewrites';

/** Transaction origin of the server's own resolving change (the audit trail attributes it to nobody). */
export const REWRITE_RESOLUTION = Symbol('lede-rewrite-resolution');

/**
 * The server's half of ADR 0061, run after a writer's update was applied
 * (from `afterTransaction`, while deleted text is still readable): every
 * offline rewrite the update brought for the first time is judged against
 * the field as it was just before. When the author replaced most of their
 * original and the server's text had meanwhile also replaced most of that
 * same original, the two are concurrent rewrites: the field goes back to the
 * server's text, whole, and the incoming text becomes the rival version.
 * The incoming text is everything of the writer's the update brought, not
 * only what its note says, and the field is set back item by item: no
 * character leaves the field without being in the rival version.
 *
 * Only the process that received the update from its writer runs this
 * (relayed updates have another origin), and it runs in the order Hocuspocus
 * applies updates, so exactly one party writes each resolution.
 */
export function resolveConcurrentRewrites(doc: Y.Doc, kind: DocKind, transaction: Y.Transaction, now: () => string = () => new Date().toISOString()): number {
  // Looked up as the document holds it: in a document loaded from its stored
  // state, a root type nobody asked for yet is a placeholder, and getMap()
  // replaces it with a new object that the transaction's record does not know.
  const placed = doc.share.get(OFFLINE_REWRITES);
  const keys = placed ? transaction.changed.get(placed) : undefined;
  if (!keys) return 0;
  const rewrites = offlineRewrites(doc);
  const resolutions: Array<{ field: RewritableField; kept: string; rivalId: string; rival: RivalVersion | null }> = [];
  const rivals = rivalVersions(doc);
  let known: Map<number, number> | undefined;
  for (const key of keys) {
    if (key === null) continue;
    // Judged once, when the server first sees it: a later change to the same note is its author typing on.
    if (mapValueBefore(rewrites, key, transaction) !== undefined) continue;
    const rewrite = asOfflineRewrite(rewrites.get(key));
    if (!rewrite || rivals.has(key)) continue;
    const field = rewritableField(kind, rewrite.field);
    if (!field || resolutions.some((r) => r.field === field)) continue;
    const before = fieldBefore(doc, field, transaction);
    // The writer's version is what the field now holds of what the writer had, not the note's text:
    // the same update may carry more of the writer's typing than its note describes (a note written
    // before edits made while live that a restarted server never stored, a second note of the same
    // field), and all of it leaves the field with the resolution.
    const theirs =
      'text' in field.place
        ? writerText(doc, field.place.text, rewrite, transaction, () => (known ??= knownToWriter(doc, transaction)))
        : metaOfWriter(doc, field, rewrite, transaction);
    if (!isConcurrentRewrite({ base: rewrite.base, text: theirs }, before)) continue;
    const rival =
      theirs === before
        ? null
        : { field: rewrite.field, text: theirs, by: rewrite.by, at: rewrite.at, kept: before, keptBy: keptBy(doc, key, rewrite, before) };
    resolutions.push({ field, kept: before, rivalId: key, rival });
  }
  if (resolutions.length === 0) return 0;
  // A transaction of its own, after the writer's: relayed and stored like any change.
  doc.transact(() => {
    for (const { field, kept, rivalId, rival } of resolutions) {
      if (field.read(doc) === kept) {
        // Nothing to set back.
      } else if ('text' in field.place) restoreBefore(doc.getText(field.place.text), transaction);
      else field.write(doc, kept);
      if (rival) rivals.set(rivalId, { ...rival, at: rival.at || now() });
    }
  }, REWRITE_RESOLUTION);
  return resolutions.length;
}

/**
 * The rule on one incoming offline rewrite: its author replaced most of
 * its original, and what the server held just before had changed since that
 * original and had also replaced most of it.
 */
export function isConcurrentRewrite(rewrite: Pick<OfflineRewrite, 'base' | 'text'>, before: string): boolean {
  return replacedMost(rewrite.base, rewrite.text) && before !== rewrite.base && replacedMost(rewrite.base, before);
}

/** Whose the kept text is: the offline rewrite that wrote it, if one did. */
function keptBy(doc: Y.Doc, except: string, incoming: OfflineRewrite, kept: string): string | null {
  let by: string | null = null;
  for (const [id, value] of offlineRewrites(doc)) {
    const rewrite = asOfflineRewrite(value);
    if (id !== except && rewrite && rewrite.field === incoming.field && rewrite.text === kept) by = rewrite.by;
  }
  return by;
}

type ItemLike = Y.Item;

const existedBefore = (item: Y.Item, transaction: Y.Transaction) => item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0);
const visibleBefore = (item: Y.Item, transaction: Y.Transaction) =>
  existedBefore(item, transaction) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));

/** A rewritable field's value before `transaction`, read from the document after it. */
function fieldBefore(doc: Y.Doc, field: RewritableField, transaction: Y.Transaction): string {
  if ('meta' in field.place) {
    const value = mapValueBefore(doc.getMap('meta'), field.place.meta, transaction);
    return typeof value === 'string' ? value : '';
  }
  let text = '';
  for (let item = doc.getText(field.place.text)._start as ItemLike | null; item !== null; item = item.right as ItemLike | null) {
    if (visibleBefore(item, transaction) && item.content instanceof Y.ContentString) text += item.content.str;
  }
  return text;
}

/** A map entry's value before `transaction` (undefined: it had none). */
function mapValueBefore<T>(map: Y.Map<T>, key: string, transaction: Y.Transaction): unknown {
  const entries = (map as unknown as { _map: Map<string, ItemLike> })._map;
  for (let item: ItemLike | null = entries.get(key) ?? null; item !== null; item = item.left as ItemLike | null) {
    if (!existedBefore(item, transaction)) continue;
    if (!visibleBefore(item, transaction)) return undefined;
    const values = item.content.getContent();
    return values[values.length - 1];
  }
  return undefined;
}

/**
 * Sets a text field back to what it held before `transaction`, item by item:
 * the text the transaction inserted goes, the text it deleted comes back (as
 * new text where it stood). The server's own text stays the items it was, so
 * a colleague's later deletion of a word of it deletes that word whole.
 */
function restoreBefore(text: Y.Text, transaction: Y.Transaction): void {
  const ops: Array<{ at: number; remove: number } | { at: number; insert: string }> = [];
  let at = 0;
  for (let item = text._start as ItemLike | null; item !== null; item = item.right as ItemLike | null) {
    if (!item.deleted) {
      if (!existedBefore(item, transaction) && item.countable) ops.push({ at, remove: item.length });
      if (item.countable) at += item.length;
    } else if (visibleBefore(item, transaction) && item.content instanceof Y.ContentString) {
      ops.push({ at, insert: item.content.str });
    }
  }
  for (const op of ops.reverse()) {
    if ('remove' in op) text.delete(op.at, op.remove);
    else text.insert(op.at, op.insert);
  }
}

/**
 * What the writer of `transaction` knew of each client (a clock below which
 * it had every item): at least everything the transaction brought, the items
 * its new items were typed next to, and the ones it deleted. An under-estimate:
 * it never counts as the writer's an item the writer did not have.
 */
function knownToWriter(doc: Y.Doc, transaction: Y.Transaction): Map<number, number> {
  const known = new Map<number, number>();
  const saw = (client: number, clock: number) => {
    if ((known.get(client) ?? 0) < clock) known.set(client, clock);
  };
  for (const [client, clock] of transaction.afterState) {
    const from = transaction.beforeState.get(client) ?? 0;
    if (clock <= from) continue;
    saw(client, clock);
    for (const struct of doc.store.clients.get(client) ?? []) {
      if (struct.id.clock + struct.length <= from || !(struct instanceof Y.Item)) continue;
      if (struct.origin) saw(struct.origin.client, struct.origin.clock + 1);
      if (struct.rightOrigin) saw(struct.rightOrigin.client, struct.rightOrigin.clock + 1);
    }
  }
  for (const [client, deletes] of transaction.deleteSet.clients) for (const range of deletes) saw(client, range.clock + range.len);
  return known;
}

/**
 * The writer's version of a text field after `transaction`. Its note's text
 * when that holds all the text the transaction brought (the usual case: the
 * note was written with the last of it); otherwise what the field shows now
 * of the text the writer had: what the transaction brought, and the older
 * text the writer knew and kept. Either way, nothing the resolution takes
 * out of the field is missing from the rival version.
 */
function writerText(doc: Y.Doc, name: string, rewrite: OfflineRewrite, transaction: Y.Transaction, known: () => Map<number, number>): string {
  const brought: string[] = [];
  let run = '';
  for (let item = doc.getText(name)._start as ItemLike | null; item !== null; item = item.right as ItemLike | null) {
    if (item.deleted) continue;
    if (!existedBefore(item, transaction) && item.content instanceof Y.ContentString) {
      run += item.content.str;
      continue;
    }
    if (item.countable && run !== '') {
      brought.push(run);
      run = '';
    }
  }
  if (run !== '') brought.push(run);
  let from = 0;
  const inNote = brought.every((piece) => {
    const at = rewrite.text.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
    return true;
  });
  if (inNote) return rewrite.text;
  const writers = known();
  let text = '';
  for (let item = doc.getText(name)._start as ItemLike | null; item !== null; item = item.right as ItemLike | null) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    if (!existedBefore(item, transaction) || item.id.clock + item.length <= (writers.get(item.id.client) ?? 0)) text += item.content.str;
  }
  return text;
}

/** The writer's version of a `meta` value: the value the transaction set, else the note's (last writer wins: never a mix). */
function metaOfWriter(doc: Y.Doc, field: RewritableField, rewrite: OfflineRewrite, transaction: Y.Transaction): string {
  const placed = doc.share.get('meta');
  const set = placed !== undefined && 'meta' in field.place && transaction.changed.get(placed)?.has(field.place.meta) === true;
  return set ? field.read(doc) : rewrite.text;
}
