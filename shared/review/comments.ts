import * as Y from 'yjs';

/**
 * Comment threads (ADR 0072): a Yjs map in the story's own document, so they
 * sync, merge and are kept in revisions with the text. Each thread is a
 * Y.Map — who started it, on which field, anchored by two Yjs relative
 * positions that follow the text through edits and merges — and its
 * messages a Y.Array that replies are appended to: two people replying
 * offline both keep their reply, in the order Yjs settles on everywhere.
 * Resolved is a last-writer-wins key.
 */

export const COMMENTS_MAP = 'comments';
export const COMMENT_FIELDS = ['body', 'headline', 'kicker', 'teaser'] as const;
export type CommentField = (typeof COMMENT_FIELDS)[number];

/** Longest comment or reply a person can post (a comment is not the story). */
export const MAX_COMMENT_CHARS = 4000;
/** Longest quote of the commented text kept with a thread (to show it once the text is gone). */
const MAX_QUOTE_CHARS = 300;

export interface CommentAuthor {
  authorId: string;
  authorName: string;
}

export interface CommentMessage extends CommentAuthor {
  id: string;
  /** ISO 8601. */
  at: string;
  text: string;
  /** Names of people in the directory this message mentions with @. */
  mentions: string[];
}

export interface CommentThread extends CommentAuthor {
  id: string;
  field: CommentField;
  /** Yjs relative positions (encoded) of the commented text's start and end. */
  start: Uint8Array;
  end: Uint8Array;
  /** The commented text when the thread was started. */
  quote: string;
  createdAt: string;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  messages: CommentMessage[];
}

export interface NewThread {
  id: string;
  field: CommentField;
  start: Uint8Array;
  end: Uint8Array;
  quote: string;
  author: CommentAuthor;
  at: string;
  text: string;
  mentions: string[];
}

function threadsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(COMMENTS_MAP);
}

/** A comment's text, checked: not empty, not over the limit. Throws with the sentence to show. */
export function checkedCommentText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('Write something to post.');
  if (trimmed.length > MAX_COMMENT_CHARS) throw new Error(`A comment can be at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters.`);
  return trimmed;
}

function message(author: CommentAuthor, at: string, text: string, mentions: readonly string[], id: string): CommentMessage {
  return { id, authorId: author.authorId, authorName: author.authorName, at, text: checkedCommentText(text), mentions: [...new Set(mentions)].slice(0, 50) };
}

/** Starts a thread on a stretch of text, with its first message. */
export function startThread(doc: Y.Doc, thread: NewThread): void {
  const first = message(thread.author, thread.at, thread.text, thread.mentions, `${thread.id}-0`);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('field', thread.field);
    map.set('start', thread.start);
    map.set('end', thread.end);
    map.set('quote', thread.quote.slice(0, MAX_QUOTE_CHARS));
    map.set('createdAt', thread.at);
    map.set('authorId', thread.author.authorId);
    map.set('authorName', thread.author.authorName);
    map.set('resolved', false);
    const messages = new Y.Array<CommentMessage>();
    messages.push([first]);
    map.set('messages', messages);
    threadsMap(doc).set(thread.id, map);
  });
}

export function reply(doc: Y.Doc, threadId: string, author: CommentAuthor, text: string, mentions: readonly string[], at: string, id: string): void {
  const thread = threadsMap(doc).get(threadId);
  const messages = thread?.get('messages');
  if (!(messages instanceof Y.Array)) throw new Error('That comment thread is no longer in the story.');
  const reply = message(author, at, text, mentions, id);
  doc.transact(() => messages.push([reply]));
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, by: CommentAuthor, at: string): void {
  const thread = threadsMap(doc).get(threadId);
  if (!thread) throw new Error('That comment thread is no longer in the story.');
  doc.transact(() => {
    thread.set('resolved', resolved);
    thread.set('resolvedBy', resolved ? by.authorName : null);
    thread.set('resolvedAt', resolved ? at : null);
  });
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const isField = (value: unknown): value is CommentField => (COMMENT_FIELDS as readonly unknown[]).includes(value);

function readMessage(value: unknown): CommentMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (typeof raw.text !== 'string' || typeof raw.id !== 'string') return null;
  return {
    id: raw.id,
    authorId: text(raw.authorId),
    authorName: text(raw.authorName),
    at: text(raw.at),
    text: raw.text.slice(0, MAX_COMMENT_CHARS),
    mentions: Array.isArray(raw.mentions) ? raw.mentions.filter((name): name is string => typeof name === 'string') : [],
  };
}

/** Every thread the document holds, in no particular order; malformed entries (from a broken peer) are left out. */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads: CommentThread[] = [];
  threadsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const start = map.get('start');
    const end = map.get('end');
    const field = map.get('field');
    const messages = map.get('messages');
    if (!(start instanceof Uint8Array) || !(end instanceof Uint8Array) || !isField(field) || !(messages instanceof Y.Array)) return;
    threads.push({
      id,
      field,
      start,
      end,
      quote: text(map.get('quote')),
      createdAt: text(map.get('createdAt')),
      authorId: text(map.get('authorId')),
      authorName: text(map.get('authorName')),
      resolved: map.get('resolved') === true,
      resolvedBy: typeof map.get('resolvedBy') === 'string' ? (map.get('resolvedBy') as string) : null,
      resolvedAt: typeof map.get('resolvedAt') === 'string' ? (map.get('resolvedAt') as string) : null,
      messages: messages.toArray().map(readMessage).filter((item): item is CommentMessage => item !== null),
    });
  });
  return threads;
}

/** Open threads and the people they mention, for the library row and the "Mentions me" filter. */
export function openThreadSummary(doc: Y.Doc): { open: number; mentioned: string[] } {
  const mentioned = new Set<string>();
  let open = 0;
  for (const thread of readThreads(doc)) {
    if (thread.resolved) continue;
    open++;
    for (const item of thread.messages) for (const name of item.mentions) mentioned.add(name);
  }
  return { open, mentioned: [...mentioned].sort() };
}

/** The names from `people` mentioned as "@Name" in a message (longest names first, so "@Ana Ruiz" is not "@Ana"). */
export function mentionedPeople(textOfMessage: string, people: readonly string[]): string[] {
  const found: string[] = [];
  let rest = textOfMessage.toLocaleLowerCase();
  for (const name of [...new Set(people)].sort((a, b) => b.length - a.length)) {
    const needle = `@${name.toLocaleLowerCase()}`;
    let at = rest.indexOf(needle);
    while (at >= 0) {
      const after = rest.charAt(at + needle.length);
      if (after === '' || !/[\p{L}\p{N}]/u.test(after)) {
        found.push(name);
        // Taken: a shorter name ("@Ana" in "@Ana Ruiz") must not match the same place again.
        rest = `${rest.slice(0, at)}${' '.repeat(needle.length)}${rest.slice(at + needle.length)}`;
        break;
      }
      at = rest.indexOf(needle, at + 1);
    }
  }
  return found.sort((a, b) => a.localeCompare(b));
}

/** Anchors in a headline, kicker or teaser (a Y.Text): relative positions at character offsets. */
export function fieldAnchor(field: Y.Text, from: number, to: number): { start: Uint8Array; end: Uint8Array } {
  return {
    start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(field, from, 0)),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(field, to, -1)),
  };
}

/** Where a field anchor is now, as character offsets; null when its text was deleted (start meets end). */
export function resolveFieldAnchor(doc: Y.Doc, thread: Pick<CommentThread, 'start' | 'end'>): { from: number; to: number } | null {
  const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(thread.start), doc);
  const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(thread.end), doc);
  if (!start || !end || end.index <= start.index) return null;
  return { from: start.index, to: end.index };
}
