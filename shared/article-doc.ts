import * as Y from 'yjs';
import { isUnpublishedRun } from './review/publishable';
import { SUGGESTION_MARKS } from './review/review-mark-names';
import type { ArticleFields, Byline, EditorCredit, Status } from './model';
import { STATUSES } from './model';
import { isoWithOffset } from './time';

/**
 * How a story lives in its Yjs document. Every part that two people may edit
 * at once is its own shared type, so both edits survive a merge:
 * - `body`: Y.XmlFragment bound to the editor;
 * - `headline`, `kicker`, `teaser`: Y.Text each;
 * - `bylines`, `sources`, `editedBy`, `tags`: Y.Array;
 * - `meta`: Y.Map of single values (section, status, language, slug, dates…),
 *   where the last writer wins.
 */
export const ARTICLE_BODY = 'body';
export const TEXT_FIELDS = ['headline', 'kicker', 'teaser'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const LIST_FIELDS = ['bylines', 'sources', 'editedBy', 'tags'] as const;
export type ListField = (typeof LIST_FIELDS)[number];
// embargoedUntil: ISO 8601 with offset; the newsroom server holds transmission until then. correction: a note
// sent with the next published version as a ninjs description of role "correction" (ADR 0071).
export const META_KEYS = ['section', 'status', 'language', 'slug', 'dateline', 'createdAt', 'publishedAt', 'trashedAt', 'desk', 'editedAt', 'embargoedUntil', 'correction'] as const;
export type MetaKey = (typeof META_KEYS)[number];

/**
 * Meta keys that only core may change (through the workflow API, or, for
 * `editedAt`, as it stores each edit), never an editor's update.
 */
export const PROTECTED_META_KEYS: readonly MetaKey[] = ['status', 'publishedAt', 'trashedAt', 'createdAt', 'desk', 'editedAt'];

/**
 * A story's last edit time lives in its document (`meta.editedAt`), written
 * by the core that stored the edit, so it travels with the edit: a laptop
 * that receives a story by sync shows when it was edited, not when it
 * arrived (ADR 0064). Written at most once per this many milliseconds of
 * continuous editing, so typing does not double the updates.
 */
export const EDIT_STAMP_MS = 5_000;

/** When the story was last edited (ms), or null for a document from before edit times were written. */
export function readEditedAtMs(doc: Y.Doc): number | null {
  const value = articleParts(doc).meta.get('editedAt');
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Writes the edit time unless the one there is within EDIT_STAMP_MS of
 * `atMs` (either way: another laptop's clock may run ahead). Call inside a
 * transaction of core's, after the edit itself.
 */
export function stampArticleEdit(doc: Y.Doc, atMs: number): void {
  const last = readEditedAtMs(doc);
  if (last !== null && Math.abs(atMs - last) < EDIT_STAMP_MS) return;
  articleParts(doc).meta.set('editedAt', isoWithOffset(atMs));
}

export interface ArticleParts {
  body: Y.XmlFragment;
  headline: Y.Text;
  kicker: Y.Text;
  teaser: Y.Text;
  meta: Y.Map<string | null>;
  bylines: Y.Array<Byline>;
  sources: Y.Array<string>;
  editedBy: Y.Array<EditorCredit>;
  tags: Y.Array<string>;
}

export function articleParts(doc: Y.Doc): ArticleParts {
  return {
    body: doc.getXmlFragment(ARTICLE_BODY),
    headline: doc.getText('headline'),
    kicker: doc.getText('kicker'),
    teaser: doc.getText('teaser'),
    meta: doc.getMap<string | null>('meta'),
    bylines: doc.getArray<Byline>('bylines'),
    sources: doc.getArray<string>('sources'),
    editedBy: doc.getArray<EditorCredit>('editedBy'),
    tags: doc.getArray<string>('tags'),
  };
}

function metaString(meta: Y.Map<string | null>, key: MetaKey): string {
  const value = meta.get(key);
  return typeof value === 'string' ? value : '';
}

function metaNullable(meta: Y.Map<string | null>, key: MetaKey): string | null {
  const value = meta.get(key);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The desk a story belongs to; null while no desk has claimed it. */
export function readDesk(meta: Y.Map<string | null>): string | null {
  const desk = meta.get('desk');
  return typeof desk === 'string' && desk !== '' ? desk : null;
}

export function readStatus(meta: Y.Map<string | null>): Status {
  const value = meta.get('status');
  return (STATUSES as readonly string[]).includes(value ?? '') ? (value as Status) : 'draft';
}

export function readArticleFields(doc: Y.Doc): ArticleFields {
  const parts = articleParts(doc);
  return {
    headline: parts.headline.toString(),
    kicker: parts.kicker.toString(),
    teaser: parts.teaser.toString(),
    section: metaString(parts.meta, 'section'),
    status: readStatus(parts.meta),
    language: metaString(parts.meta, 'language') || 'en',
    bylines: parts.bylines.toArray(),
    sources: parts.sources.toArray(),
    editedBy: parts.editedBy.toArray(),
    tags: parts.tags.toArray(),
    slug: metaString(parts.meta, 'slug'),
    dateline: metaString(parts.meta, 'dateline'),
    createdAt: metaString(parts.meta, 'createdAt'),
    publishedAt: metaNullable(parts.meta, 'publishedAt'),
    trashedAt: metaNullable(parts.meta, 'trashedAt'),
  };
}

/** Blocks whose text ends a line when the body is read as plain text. */
const BLOCK_NODES = new Set(['paragraph', 'heading', 'blockquote', 'pullQuote', 'figure', 'factbox', 'listItem', 'bulletList', 'orderedList', 'videoEmbed']);

/**
 * The body as plain text, one block per line, read straight from the shared
 * type (no editor needed). Video titles and factbox titles count as text;
 * figure captions do too.
 */
export function bodyPlainText(body: Y.XmlFragment): string {
  return bodyTexts(body).all;
}

/**
 * The body's plain text twice over, in one walk: `all` of it (what search
 * finds, suggestions and notes included) and `published`, the text as it
 * stands without its review layer (shared/review/publishable.ts: suggested
 * insertions and notes left out), which is what words are counted on; and
 * how many suggestions are open in it.
 */
export function bodyTexts(body: Y.XmlFragment): { all: string; published: string; suggestions: number } {
  const suggestionIds = new Set<string>();
  const all: string[] = [];
  const published: string[] = [];
  let line = '';
  let publishedLine = '';
  const endLine = () => {
    if (line.trim() !== '') all.push(line.trim());
    if (publishedLine.trim() !== '') published.push(publishedLine.trim());
    line = '';
    publishedLine = '';
  };
  const add = (text: string, publish = true) => {
    line += text;
    if (publish) publishedLine += text;
  };
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
        if (typeof op.insert !== 'string') continue;
        add(op.insert, !op.attributes || !isUnpublishedRun(Object.keys(op.attributes)));
        if (op.attributes) collectSuggestionIds(op.attributes, suggestionIds);
      }
      return;
    }
    if (!(node instanceof Y.XmlElement)) return;
    const name = node.nodeName;
    if (name === 'hardBreak') {
      add(' ');
      return;
    }
    const isBlock = BLOCK_NODES.has(name);
    if (isBlock) endLine();
    const title = name === 'videoEmbed' || name === 'factbox' ? node.getAttribute('title') : undefined;
    if (typeof title === 'string' && title !== '') {
      add(title);
      endLine();
    }
    for (const child of node.toArray()) walk(child);
    if (isBlock) endLine();
  };
  for (const child of body.toArray()) walk(child);
  endLine();
  return { all: all.join('\n'), published: published.join('\n'), suggestions: suggestionIds.size };
}

/** The ids of the suggestions on a run of text (a replacement's insertion and deletion share one). */
function collectSuggestionIds(attributes: Record<string, unknown>, into: Set<string>): void {
  for (const name of SUGGESTION_MARKS) {
    const id = (attributes[name] as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && id !== '') into.add(id);
  }
}

export interface ArticleSeed {
  createdAt: string;
  language: string;
  section?: string;
  headline?: string;
  kicker?: string;
  teaser?: string;
  bylines?: Byline[];
  sources?: string[];
  tags?: string[];
  editedBy?: EditorCredit[];
  slug?: string;
  dateline?: string;
  /** The desk it belongs to (the signed-in account's first desk); none while no desk claims it. */
  desk?: string | null;
  /** Writes the first body (an imported story); without it the body starts as one empty paragraph. */
  writeBody?: (body: Y.XmlFragment) => void;
}

/**
 * Writes a new story's first content. Called once, by core, when the story is
 * created; never by an editor on load (that would duplicate text on merge).
 */
export function seedArticle(doc: Y.Doc, seed: ArticleSeed): void {
  const parts = articleParts(doc);
  doc.transact(() => {
    parts.meta.set('status', 'draft');
    parts.meta.set('createdAt', seed.createdAt);
    parts.meta.set('editedAt', seed.createdAt);
    parts.meta.set('language', seed.language);
    parts.meta.set('section', seed.section ?? '');
    if (seed.headline) parts.headline.insert(0, seed.headline);
    if (seed.kicker) parts.kicker.insert(0, seed.kicker);
    if (seed.teaser) parts.teaser.insert(0, seed.teaser);
    if (seed.bylines?.length) parts.bylines.push(seed.bylines);
    if (seed.sources?.length) parts.sources.push(seed.sources);
    if (seed.tags?.length) parts.tags.push(seed.tags);
    if (seed.editedBy?.length) parts.editedBy.push(seed.editedBy);
    if (seed.slug) parts.meta.set('slug', seed.slug);
    if (seed.desk) parts.meta.set('desk', seed.desk);
    if (seed.dateline) parts.meta.set('dateline', seed.dateline);
    if (seed.writeBody) seed.writeBody(parts.body);
    // An empty first paragraph so the editor opens on a valid document without
    // having to create one itself.
    if (parts.body.length === 0) parts.body.insert(0, [new Y.XmlElement('paragraph')]);
  });
}

/** The one replaced range that turns `previous` into `next`: `previous[from, to)` becomes `insert`. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/**
 * The smallest single change from `previous` to `next` (common prefix and
 * suffix kept), never splitting a surrogate pair at either end.
 */
export function minimalTextChange(previous: string, next: string): TextChange {
  let start = 0;
  const maxStart = Math.min(previous.length, next.length);
  while (start < maxStart && previous.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endPrev = previous.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && previous.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--;
    endNext--;
  }
  if (start > 0 && isHighSurrogate(previous.charCodeAt(start - 1))) start--;
  if (endPrev < previous.length && isLowSurrogate(previous.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  return { from: start, to: endPrev, insert: next.slice(start, endNext) };
}

/**
 * Makes a Y.Text equal to `next` with the smallest edit, so a concurrent
 * edit elsewhere in the same field survives.
 */
export function applyTextChange(text: Y.Text, next: string): void {
  const previous = text.toString();
  if (previous === next) return;
  const change = minimalTextChange(previous, next);
  text.doc!.transact(() => {
    if (change.to > change.from) text.delete(change.from, change.to - change.from);
    if (change.insert) text.insert(change.from, change.insert);
  });
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
