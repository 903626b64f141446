import * as Y from 'yjs';
import { applyTextChange, minimalTextChange } from './article-doc';
import type { DocKind } from './documents/doc-names';

/**
 * Rewrites of a short plain-text field (headline, kicker, teaser, slug,
 * dateline; a photo's caption, credit, alt text) made offline on two
 * laptops must not merge character by character into one unreadable line
 * (ADR 0061). Each laptop records, in the document, what it rewrote while
 * it was not live with the server (an *offline rewrite*: the field's text
 * when the laptop went offline and its text now). The sync server, the one
 * party that sees every update in the order it applies them, resolves a
 * concurrent pair: it keeps the version it already had and records the
 * incoming one as the *rival version*, which the people on the story can
 * take instead ("Use this") or dismiss ("Keep mine").
 */

/** Root map of offline rewrites: id → OfflineRewrite, each written by the one laptop that made it. */
export const OFFLINE_REWRITES = 'offlineRewrites';
/** Root map of rival versions: id (the losing offline rewrite's) → RivalVersion, written by the server. */
export const RIVAL_VERSIONS = 'rivalVersions';

export interface OfflineRewrite {
  field: string;
  /** The field's text when this laptop started editing it offline: the common original. */
  base: string;
  /** The field's text on this laptop now. */
  text: string;
  /** Who (account name when signed in, the local profile otherwise). */
  by: string;
  /** When (ISO 8601), last change. */
  at: string;
  /** The server's stored version of the document this laptop knew when it started; a newer one ends the rewrite. */
  since: number;
}

export interface RivalVersion {
  field: string;
  /** The version that was not kept. */
  text: string;
  by: string;
  at: string;
  /** The version the server kept, and whose it was (null when no offline rewrite says). */
  kept: string;
  keptBy: string | null;
}

/** A short field that can be rewritten whole, and how to read and write it in its document. */
export interface RewritableField {
  field: string;
  /** In notices: "also rewrote the headline offline". */
  label: string;
  /** Where it lives: its own root Y.Text, or a key of the root `meta` map (last writer wins). */
  place: { text: string } | { meta: string };
  read(doc: Y.Doc): string;
  /** Sets the field to `value` with the smallest change (a colleague's edit elsewhere survives). */
  write(doc: Y.Doc, value: string): void;
}

const sharedText = (field: string, label: string): RewritableField => ({
  field,
  label,
  place: { text: field },
  read: (doc) => doc.getText(field).toString(),
  write: (doc, value) => applyTextChange(doc.getText(field), value),
});

const metaValue = (field: string, label: string): RewritableField => ({
  field,
  label,
  place: { meta: field },
  read: (doc) => {
    const value = doc.getMap<string | null>('meta').get(field);
    return typeof value === 'string' ? value : '';
  },
  write: (doc, value) => {
    const meta = doc.getMap<string | null>('meta');
    if ((meta.get(field) ?? '') !== value) meta.set(field, value);
  },
});

/** Per document kind, the fields this rule covers (see article-doc.ts and media-doc.ts for where each lives). */
export const REWRITABLE_FIELDS: Readonly<Record<DocKind, readonly RewritableField[]>> = {
  article: [
    sharedText('headline', 'headline'),
    sharedText('kicker', 'kicker'),
    sharedText('teaser', 'teaser'),
    metaValue('slug', 'slug'),
    metaValue('dateline', 'dateline'),
  ],
  media: [sharedText('caption', 'caption'), sharedText('credit', 'credit'), sharedText('altText', 'alt text')],
};

export function rewritableField(kind: DocKind, field: string): RewritableField | null {
  return REWRITABLE_FIELDS[kind].find((entry) => entry.field === field) ?? null;
}

const codePoints = (text: string) => [...text].length;

/**
 * The rule: `next` replaced most of `original` when the smallest change
 * from one to the other deletes at least half of the original's characters
 * (code points) and inserts new text. An empty original counts as replaced
 * by any text; emptying a field is not a rewrite (nothing to choose between).
 */
export function replacedMost(original: string, next: string): boolean {
  if (next === '' || next === original) return false;
  if (original === '') return true;
  const change = minimalTextChange(original, next);
  return change.insert !== '' && codePoints(original.slice(change.from, change.to)) * 2 >= codePoints(original);
}

export function offlineRewrites(doc: Y.Doc): Y.Map<OfflineRewrite> {
  return doc.getMap<OfflineRewrite>(OFFLINE_REWRITES);
}

export function rivalVersions(doc: Y.Doc): Y.Map<RivalVersion> {
  return doc.getMap<RivalVersion>(RIVAL_VERSIONS);
}

/** A value read from a document as an offline rewrite, or null for anything else (the server reads what clients wrote). */
export function asOfflineRewrite(value: unknown): OfflineRewrite | null {
  const v = value as Partial<OfflineRewrite> | null;
  if (!v || typeof v !== 'object') return null;
  const strings = [v.field, v.base, v.text, v.by, v.at].every((s) => typeof s === 'string');
  return strings && typeof v.since === 'number' ? (v as OfflineRewrite) : null;
}

export function asRivalVersion(value: unknown): RivalVersion | null {
  const v = value as Partial<RivalVersion> | null;
  if (!v || typeof v !== 'object') return null;
  const strings = [v.field, v.text, v.by, v.at, v.kept].every((s) => typeof s === 'string');
  return strings && (v.keptBy === null || typeof v.keptBy === 'string') ? (v as RivalVersion) : null;
}

/** The rival versions of one field, oldest first, with their ids. */
export function rivalsOf(doc: Y.Doc, field: string): Array<{ id: string; rival: RivalVersion }> {
  const found: Array<{ id: string; rival: RivalVersion }> = [];
  for (const [id, value] of rivalVersions(doc)) {
    const rival = asRivalVersion(value);
    if (rival && rival.field === field) found.push({ id, rival });
  }
  return found.sort((a, b) => a.rival.at.localeCompare(b.rival.at) || a.id.localeCompare(b.id));
}

/**
 * What a notice offers one person. Everyone but the rival's own author is
 * offered the rival ("Wesley also rewrote the headline offline: …"); the
 * rival's author, whose own text was not kept, is offered the kept one
 * (their "Keep mine" writes their version back).
 */
export interface RivalOffer {
  name: string;
  label: string;
  text: string;
  /** "Use this" writes this text (null: the field already shows it, so it only dismisses the notice). */
  useWrites: string | null;
  /** "Keep mine" writes this text (null: only dismisses). */
  keepWrites: string | null;
  /** The viewer's own version when it was not kept: shown too, so "Keep mine" says what it brings back. */
  mine: string | null;
}

export function rivalOffer(kind: DocKind, rival: RivalVersion, viewer: string): RivalOffer {
  const label = rewritableField(kind, rival.field)?.label ?? rival.field;
  if (viewer !== '' && viewer === rival.by) {
    return { name: rival.keptBy ?? 'A colleague', label, text: rival.kept, useWrites: null, keepWrites: rival.text, mine: rival.text };
  }
  return { name: rival.by, label, text: rival.text, useWrites: rival.text, keepWrites: null, mine: null };
}

/** "Use this" or "Keep mine": one ordinary change that writes the chosen text (if any) and clears the notice. */
export function settleRival(doc: Y.Doc, kind: DocKind, id: string, write: string | null): void {
  const rival = asRivalVersion(rivalVersions(doc).get(id));
  if (!rival) return;
  const field = rewritableField(kind, rival.field);
  doc.transact(() => {
    if (field && write !== null) field.write(doc, write);
    rivalVersions(doc).delete(id);
  });
}

/** What a laptop knows when it notes an offline edit: who, when, and the server's stored version it last heard. */
export interface OfflineAuthor {
  by: string;
  at: string;
  since: number;
}

/** The rewritable fields' texts now, to compare after an edit. */
export function readRewritable(doc: Y.Doc, kind: DocKind): Map<string, string> {
  return new Map(REWRITABLE_FIELDS[kind].map((field) => [field.field, field.read(doc)]));
}

/**
 * Notes, on a laptop that is not live with the server, what an edit did to
 * each rewritable field: continues this person's open offline rewrite of
 * the field (same author, same stored version, and its text is what the
 * field held before the edit) or starts one with the text before the edit
 * as its base. Runs inside the edit's own transaction, so the note travels
 * in the same update as the text it describes. Whether it was a rewrite
 * (replacedMost) is the server's question, asked of base and text.
 */
export function noteOfflineEdits(doc: Y.Doc, kind: DocKind, before: Map<string, string>, author: OfflineAuthor): boolean {
  const rewrites = offlineRewrites(doc);
  let noted = false;
  for (const field of REWRITABLE_FIELDS[kind]) {
    const was = before.get(field.field) ?? '';
    const now = field.read(doc);
    if (now === was) continue;
    let open: string | null = null;
    for (const [id, value] of rewrites) {
      const rewrite = asOfflineRewrite(value);
      if (rewrite && rewrite.field === field.field && rewrite.by === author.by && rewrite.since === author.since && rewrite.text === was) open = id;
    }
    const base = open ? asOfflineRewrite(rewrites.get(open))!.base : was;
    rewrites.set(open ?? globalThis.crypto.randomUUID(), { field: field.field, base, text: now, by: author.by, at: author.at, since: author.since });
    noted = true;
  }
  return noted;
}

/**
 * This person's offline rewrites that have done their work, once the server
 * stored everything this laptop sent (so it has judged them): those whose
 * field no longer holds their text. A note whose text the field still shows
 * stays: it is how the server names the kept version's author when a rewrite
 * from a laptop that was offline longer arrives ("Richard also rewrote…"),
 * and it goes with the field's next change. So the map holds at most about
 * one note per field and person.
 */
export function settledRewriteIds(doc: Y.Doc, kind: DocKind, by: string): string[] {
  const settled: string[] = [];
  for (const [id, value] of offlineRewrites(doc)) {
    const rewrite = asOfflineRewrite(value);
    if (!rewrite) continue;
    const field = rewritableField(kind, rewrite.field);
    if (rewrite.by === by && (!field || field.read(doc) !== rewrite.text)) settled.push(id);
  }
  return settled;
}
