/**
 * The review layer's mark names (ADR 0072), without the schema: for code
 * that walks ProseMirror JSON or Yjs deltas (word counts, exporters, the
 * server) and should not load the editor's libraries for a few strings.
 * The marks themselves are in shared/editor/review-marks.ts.
 */

/** Mark names, for code that walks documents or Yjs deltas without a schema at hand. */
export const REVIEW_MARK = {
  insertion: 'suggestedInsertion',
  deletion: 'suggestedDeletion',
  format: 'suggestedFormat',
  note: 'editorNote',
  legalFlag: 'legalFlag',
} as const;

export const SUGGESTION_MARKS = [REVIEW_MARK.insertion, REVIEW_MARK.deletion, REVIEW_MARK.format] as const;
export type SuggestionMark = (typeof SUGGESTION_MARKS)[number];

/**
 * Formatting a suggestion may add or take away. Links are not among them: a
 * link is an attribute with a value, offered as a suggestion by editing text.
 */
export const SUGGESTIBLE_FORMATS = ['bold', 'italic', 'underline', 'strike'] as const;

/** Text carrying one of these marks is not part of the story as published. */
export const UNPUBLISHED_MARKS: ReadonlySet<string> = new Set([REVIEW_MARK.insertion, REVIEW_MARK.note]);
/** Marks dropped (their text kept) from the story as published. */
export const REVIEW_ONLY_MARKS: ReadonlySet<string> = new Set([REVIEW_MARK.deletion, REVIEW_MARK.format, REVIEW_MARK.legalFlag]);
