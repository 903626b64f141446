import { Mark, mergeAttributes } from '@tiptap/core';
import { REVIEW_MARK } from '../review/review-mark-names';
import { authorHue } from '../review/author-hue';

export { REVIEW_MARK, SUGGESTION_MARKS, SUGGESTIBLE_FORMATS, type SuggestionMark } from '../review/review-mark-names';

/**
 * The review layer's marks (ADR 0072): suggestions, editor's notes and
 * legal flags live in the story's own document, as marks of its schema, so
 * they sync, merge and are kept in revisions like the text they sit on, and
 * cannot disagree with it.
 *
 * None of them has a parse rule: HTML from outside (a paste, an imported
 * file) never brings review markup in. Their HTML is for the editor's view
 * only; every exporter reads the story through `publishableBody` first.
 */

/** Who made a suggestion, note or flag, and when. */
export interface ReviewAuthor {
  /** The account id when signed in, else this computer's profile id. */
  authorId: string;
  authorName: string;
  /** ISO 8601. */
  at: string;
}

const authorAttributes = {
  authorId: { default: '' },
  authorName: { default: '' },
  at: { default: '' },
};

function attributes<T extends Record<string, { default: unknown }>>(extra: T) {
  // Written to the view as data-* only; never read back from HTML (no parse rules).
  return Object.fromEntries(
    Object.entries({ ...authorAttributes, ...extra }).map(([name, spec]) => [name, { ...spec, parseHTML: () => spec.default, renderHTML: () => ({}) }]),
  );
}

function viewAttributes(mark: { attrs: Record<string, unknown> }, kind: string) {
  return {
    'data-review': kind,
    // Each person's suggestions in their own colour (the stylesheet reads the hue).
    style: `--author-hue: ${authorHue(String(mark.attrs.authorId ?? ''))}`,
    'data-suggestion': typeof mark.attrs.id === 'string' ? mark.attrs.id : undefined,
    'data-author': String(mark.attrs.authorId ?? ''),
    title: [mark.attrs.authorName, mark.attrs.at].filter(Boolean).join(', ') || undefined,
  };
}

const suggestionAttributes = { id: { default: '' } };

/** Text someone suggests adding. Typing next to it is not part of it unless made in suggestion mode. */
export const SuggestedInsertion = Mark.create({
  name: REVIEW_MARK.insertion,
  inclusive: false,
  excludes: `${REVIEW_MARK.insertion} ${REVIEW_MARK.deletion}`,
  addAttributes: () => attributes(suggestionAttributes),
  parseHTML: () => [],
  renderHTML: ({ mark, HTMLAttributes }) => ['ins', mergeAttributes(HTMLAttributes, viewAttributes(mark, 'insertion')), 0],
});

/** Text someone suggests taking out: still in the story until the suggestion is accepted. */
export const SuggestedDeletion = Mark.create({
  name: REVIEW_MARK.deletion,
  inclusive: false,
  excludes: `${REVIEW_MARK.insertion} ${REVIEW_MARK.deletion}`,
  addAttributes: () => attributes(suggestionAttributes),
  parseHTML: () => [],
  renderHTML: ({ mark, HTMLAttributes }) => ['del', mergeAttributes(HTMLAttributes, viewAttributes(mark, 'deletion')), 0],
});

/**
 * Formatting someone suggests: the formatting is applied (so the text shows
 * as it would be), and this mark remembers what to undo on rejection —
 * `added` and `removed` are space-separated names from SUGGESTIBLE_FORMATS.
 */
export const SuggestedFormat = Mark.create({
  name: REVIEW_MARK.format,
  inclusive: false,
  addAttributes: () => attributes({ ...suggestionAttributes, added: { default: '' }, removed: { default: '' } }),
  parseHTML: () => [],
  renderHTML: ({ mark, HTMLAttributes }) => ['span', mergeAttributes(HTMLAttributes, viewAttributes(mark, 'format')), 0],
});

/** The reporter's own reminder in the text: never published, never counted, never exported. */
export const EditorNote = Mark.create({
  name: REVIEW_MARK.note,
  excludes: `${REVIEW_MARK.note}`,
  addAttributes: () => attributes({}),
  parseHTML: () => [],
  renderHTML: ({ mark, HTMLAttributes }) => ['span', mergeAttributes(HTMLAttributes, viewAttributes(mark, 'note')), 0],
});

/** Text the lawyers must see before it goes out; the ready checks can refuse a story that still has one. */
export const LegalFlag = Mark.create({
  name: REVIEW_MARK.legalFlag,
  excludes: `${REVIEW_MARK.legalFlag}`,
  addAttributes: () => attributes({}),
  parseHTML: () => [],
  renderHTML: ({ mark, HTMLAttributes }) => ['mark', mergeAttributes(HTMLAttributes, viewAttributes(mark, 'legal-flag')), 0],
});

export const REVIEW_MARKS = [SuggestedInsertion, SuggestedDeletion, SuggestedFormat, EditorNote, LegalFlag];
