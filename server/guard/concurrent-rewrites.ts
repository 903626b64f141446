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
  for (const key of keys) {
    if (key === null) continue;
    // Judged once, when the server first sees it: a later change to the same note is its author typing on.
    if (mapValueBefore(rewrites, key, transaction) !== undefined) continue;
    const rewrite = asOfflineRewrite(rewrites.get(key));
    if (!rewrite || rivals.has(key)) continue;
    const field = rewritableField(kind, rewrite.field);
    if (!field || resolutions.some((r) => r.field === field)) continue;
    const before = fieldBefore(doc, field, transaction);
    if (!isConcurrentRewrite(rewrite, before)) continue;
    const rival =
      rewrite.text === before
        ? null
        : { field: rewrite.field, text: rewrite.text, by: rewrite.by, at: rewrite.at, kept: before, keptBy: keptBy(doc, key, rewrite, before) };
    resolutions.push({ field, kept: before, rivalId: key, rival });
  }
  if (resolutions.length === 0) return 0;
  // A transaction of its own, after the writer's: relayed and stored like any change.
  doc.transact(() => {
    for (const { field, kept, rivalId, rival } of resolutions) {
      field.write(doc, kept);
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
