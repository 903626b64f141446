import type { Mark, MarkType, Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { Transform } from '@tiptap/pm/transform';
import { REVIEW_MARK, SUGGESTION_MARKS, type SuggestionMark } from './review-mark-names';

/**
 * Suggestions in a story body (ADR 0072): runs of text carrying a
 * suggestion mark, grouped by the suggestion's id (a replacement is an
 * insertion and a deletion with one id). Accepting or rejecting one is an
 * ordinary change of the document — it syncs and merges like typing.
 */

export interface SuggestionRange {
  kind: SuggestionMark;
  from: number;
  to: number;
  text: string;
}

export interface Suggestion {
  id: string;
  authorId: string;
  authorName: string;
  at: string;
  /** Where it starts in the body: suggestions are listed in story order. */
  from: number;
  ranges: SuggestionRange[];
}

/** What a suggestion does, in words for the panel: "Add “x”", "Delete “y”", "Replace “y” with “x”", "Format “z”". */
export function describeSuggestion(suggestion: Suggestion): string {
  const text = (kind: SuggestionMark) =>
    suggestion.ranges
      .filter((range) => range.kind === kind)
      .map((range) => range.text)
      .join('');
  const quote = (value: string) => `“${value.length > 60 ? `${value.slice(0, 59)}…` : value}”`;
  const inserted = text(REVIEW_MARK.insertion);
  const deleted = text(REVIEW_MARK.deletion);
  if (inserted && deleted) return `Replace ${quote(deleted)} with ${quote(inserted)}`;
  if (inserted) return `Add ${quote(inserted)}`;
  if (deleted) return `Delete ${quote(deleted)}`;
  return `Format ${quote(text(REVIEW_MARK.format))}`;
}

function suggestionMarkOf(marks: readonly Mark[]): Mark[] {
  return marks.filter((mark) => (SUGGESTION_MARKS as readonly string[]).includes(mark.type.name) && typeof mark.attrs.id === 'string' && mark.attrs.id !== '');
}

/** Every suggestion in the body, in story order. */
export function listSuggestions(doc: ProseMirrorNode): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of suggestionMarkOf(node.marks)) {
      const id = mark.attrs.id as string;
      let suggestion = byId.get(id);
      if (!suggestion) {
        suggestion = { id, authorId: String(mark.attrs.authorId), authorName: String(mark.attrs.authorName), at: String(mark.attrs.at), from: pos, ranges: [] };
        byId.set(id, suggestion);
      }
      const kind = mark.type.name as SuggestionMark;
      const last = suggestion.ranges[suggestion.ranges.length - 1];
      // Neighbouring runs (split by other marks, say bold) are one range.
      if (last && last.kind === kind && last.to === pos) {
        last.to = pos + node.nodeSize;
        last.text += node.text ?? '';
      } else suggestion.ranges.push({ kind, from: pos, to: pos + node.nodeSize, text: node.text ?? '' });
    }
    return false;
  });
  return [...byId.values()].sort((a, b) => a.from - b.from);
}

export function findSuggestion(doc: ProseMirrorNode, id: string): Suggestion | undefined {
  return listSuggestions(doc).find((suggestion) => suggestion.id === id);
}

function formatNames(value: unknown): string[] {
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/**
 * Settles suggestions on a transform: `accept` keeps what they suggest,
 * otherwise it is undone. Ranges are settled from the end of the document
 * back, so the positions of those before stay valid.
 */
function settle(tr: Transform, suggestions: readonly Suggestion[], accept: boolean): void {
  const ranges = suggestions.flatMap((suggestion) => suggestion.ranges.map((range) => ({ ...range, id: suggestion.id }))).sort((a, b) => b.from - a.from);
  const schema = tr.doc.type.schema;
  for (const range of ranges) {
    const type = schema.marks[range.kind]!;
    const removesText = (range.kind === REVIEW_MARK.insertion && !accept) || (range.kind === REVIEW_MARK.deletion && accept);
    if (removesText) {
      tr.delete(range.from, range.to);
      continue;
    }
    if (range.kind === REVIEW_MARK.format && !accept) undoFormat(tr, range, type);
    removeSuggestionMark(tr, range.from, range.to, type, range.id);
  }
}

/** Takes away one suggestion's mark (by id), leaving others on the same text alone. */
function removeSuggestionMark(tr: Transform, from: number, to: number, type: MarkType, id: string): void {
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const mark = node.marks.find((candidate) => candidate.type === type && candidate.attrs.id === id);
    if (mark) tr.removeMark(Math.max(from, pos), Math.min(to, pos + node.nodeSize), mark);
    return false;
  });
}

function undoFormat(tr: Transform, range: SuggestionRange & { id: string }, type: MarkType): void {
  const schema = tr.doc.type.schema;
  tr.doc.nodesBetween(range.from, range.to, (node, pos) => {
    if (!node.isText) return true;
    const mark = node.marks.find((candidate) => candidate.type === type && candidate.attrs.id === range.id);
    if (!mark) return false;
    const from = Math.max(range.from, pos);
    const to = Math.min(range.to, pos + node.nodeSize);
    for (const name of formatNames(mark.attrs.added)) if (schema.marks[name]) tr.removeMark(from, to, schema.marks[name]);
    for (const name of formatNames(mark.attrs.removed)) if (schema.marks[name]) tr.addMark(from, to, schema.marks[name]!.create());
    return false;
  });
}

/** Accepts the suggestion with this id; false when the body has none by that id (someone settled it already). */
export function acceptSuggestion(tr: Transform, id: string): boolean {
  const suggestion = findSuggestion(tr.doc, id);
  if (!suggestion) return false;
  settle(tr, [suggestion], true);
  return true;
}

export function rejectSuggestion(tr: Transform, id: string): boolean {
  const suggestion = findSuggestion(tr.doc, id);
  if (!suggestion) return false;
  settle(tr, [suggestion], false);
  return true;
}

/** Accepts (or rejects) every suggestion, or those `which` lets through; returns how many. */
export function settleAll(tr: Transform, accept: boolean, which: (suggestion: Suggestion) => boolean = () => true): number {
  const suggestions = listSuggestions(tr.doc).filter(which);
  settle(tr, suggestions, accept);
  return suggestions.length;
}
