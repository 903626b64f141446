import type * as Y from 'yjs';
import { PROTECTED_META_KEYS, articleParts, bodyTexts, readArticleFields, readDesk, readEditedAtMs, stampArticleEdit } from '../article-doc';
import type { ArticleFields } from '../model';
import { normalizeForSearch } from '../search-text';
import { countWords } from '../text-stats';
import { openThreadSummary } from '../review/comments';
import { listFieldSuggestions } from '../review/field-suggestions';
import { refusedStoryChange, type GuardedStory } from '../workflow/story-rules';
import type { Status } from '../model';
import { docIdOf, docNameOf } from './doc-names';
import type { DocumentKind, EditGuard, ServerGuard } from './document-kind';

/** A story: `article:<uuid>`, its fields, body and workflow state in one Yjs document (see article-doc.ts). */
export function articleDocName(id: string): string {
  return docNameOf('article', id);
}

export function articleIdOf(docName: string): string | null {
  return docIdOf('article', docName);
}

/**
 * Status, dates and trash state change only through the workflow API, where
 * core checks who may do what. An editor's update that touches them is refused.
 */
export const articleSessionEditGuard: EditGuard = (transaction, doc) => {
  const meta = articleParts(doc).meta;
  const keys = transaction.changed.get(meta as unknown as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>);
  if (!keys) return null;
  const touched = PROTECTED_META_KEYS.filter((key) => keys.has(key as string));
  return touched.length > 0
    ? `The story's ${touched.join(', ')} can only be changed through the workflow (Status menu, Desk, Trash), not by an edit.`
    : null;
};

/** The meta keys the workflow guards on the server: PROTECTED_META_KEYS and the desk. */
const GUARDED_KEYS = ['status', 'desk', 'trashedAt', 'publishedAt', 'createdAt'] as const satisfies ReadonlyArray<keyof GuardedStory>;

/** The guarded parts of a story's document; null for a document nothing was written to yet. */
export function readGuardedStory(doc: Y.Doc): GuardedStory | null {
  const meta = articleParts(doc).meta;
  if (meta.size === 0) return null;
  const text = (key: string) => {
    const value = meta.get(key);
    return typeof value === 'string' && value !== '' ? value : null;
  };
  return {
    status: text('status') as Status | null,
    desk: readDesk(meta),
    trashedAt: text('trashedAt'),
    publishedAt: text('publishedAt'),
    createdAt: text('createdAt'),
  };
}

/** What a refused change to a story that never reached the server is set back to. */
const NEW_STORY: GuardedStory = { status: 'draft', desk: null, trashedAt: null, publishedAt: null, createdAt: null };

/**
 * The workflow on the server: every update that touches a story's status,
 * desk, trash or dates is checked against the story rules for its sender.
 */
export const articleServerGuard: ServerGuard = {
  watched: { map: 'meta', keys: GUARDED_KEYS },
  refused(before, after, actor) {
    const was = readGuardedStory(before);
    const now = readGuardedStory(after);
    if (!now) return null;
    const refusal = refusedStoryChange(was, now, actor);
    if (!refusal) return null;
    const source = was ?? NEW_STORY;
    // createdAt is only ever set back where the server has one.
    const keys = refusal.fields.filter((key) => key !== 'createdAt' || source.createdAt !== null);
    return { message: refusal.message, restore: Object.fromEntries(keys.map((key) => [key, source[key]])) };
  },
};

/** The search index's columns for a story, in the order of the `article_search` table. */
export const ARTICLE_SEARCH_COLUMNS = ['headline', 'kicker', 'teaser', 'body', 'people', 'tags'] as const;

/** What the library row and the search index hold for one story. */
export interface ArticleProjection {
  fields: ArticleFields;
  /** The last edit time written into the document (ms), or null for a story from before edit times were written. */
  editedAtMs: number | null;
  wordCount: number;
  /** Suggestions waiting in the body, and comment threads not resolved (ADR 0072). */
  openSuggestions: number;
  openComments: number;
  /** People mentioned in open comment threads. */
  mentioned: string[];
  /** Normalised for search, one entry per ARTICLE_SEARCH_COLUMNS column. */
  search: string[];
}

/** Reads a story's document into its library row and search entry. Pure. */
export function projectArticle(doc: Y.Doc): ArticleProjection {
  const fields = readArticleFields(doc);
  const { all: body, published, suggestions } = bodyTexts(articleParts(doc).body);
  const threads = openThreadSummary(doc);
  const people = [...fields.bylines.map((b) => [b.name, b.organisation ?? ''].join(' ')), ...fields.editedBy.map((e) => e.name)]
    .join(' ')
    .trim();
  const tags = [...fields.tags, ...fields.sources, fields.section, fields.slug, fields.dateline].join(' ');
  return {
    fields,
    editedAtMs: readEditedAtMs(doc),
    wordCount: countWords(published),
    openSuggestions: suggestions + listFieldSuggestions(doc).length,
    openComments: threads.open,
    mentioned: threads.mentioned,
    search: [fields.headline, fields.kicker, fields.teaser, body, people, tags].map(normalizeForSearch),
  };
}

export const articleKind: DocumentKind = {
  kind: 'article',
  docName: articleDocName,
  idOf: articleIdOf,
  sessionEditGuard: articleSessionEditGuard,
  remoteUpdateGuard: null,
  stampEdit: stampArticleEdit,
  serverGuard: articleServerGuard,
  catalogSummary(doc) {
    const fields = readArticleFields(doc);
    return { headline: fields.headline, status: fields.status, desk: readDesk(articleParts(doc).meta), trashedAt: fields.trashedAt };
  },
  // A story is let go of when the last window closes it: compacting then
  // means the next open reads one snapshot. While it is open, every keystroke
  // is an update, so a long session compacts on the way too.
  compaction: { afterUpdates: 500, onRelease: true },
};
