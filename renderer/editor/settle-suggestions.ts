import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { listSuggestions, acceptSuggestion, rejectSuggestion, settleAll, type Suggestion } from '../../shared/review/suggestions';
import { SETTLING } from './suggestion-mode';

/**
 * Accept and Reject in the editor: ordinary changes of the story (they sync,
 * merge and undo like typing), applied as they are even in suggestion mode.
 */
function settle(editor: Editor, change: (tr: Transaction) => boolean | number): boolean {
  if (!editor.isEditable) return false;
  const tr = editor.state.tr;
  const done = change(tr);
  if (!done) return false;
  tr.setMeta(SETTLING, true);
  editor.view.dispatch(tr);
  return true;
}

export const acceptIn = (editor: Editor, id: string) => settle(editor, (tr) => acceptSuggestion(tr, id));
export const rejectIn = (editor: Editor, id: string) => settle(editor, (tr) => rejectSuggestion(tr, id));
export const settleAllIn = (editor: Editor, accept: boolean) => settle(editor, (tr) => settleAll(tr, accept));

/** The suggestion around the cursor (or selection start), if any. */
export function suggestionAtSelection(editor: Editor): Suggestion | null {
  const { from, to } = editor.state.selection;
  return listSuggestions(editor.state.doc).find((suggestion) => suggestion.ranges.some((range) => from <= range.to && to >= range.from)) ?? null;
}

/** Selects a suggestion's text and brings it into view. */
export function showSuggestion(editor: Editor, suggestion: Suggestion): void {
  const last = suggestion.ranges[suggestion.ranges.length - 1]!;
  editor.chain().focus().setTextSelection({ from: suggestion.ranges[0]!.from, to: last.to }).scrollIntoView().run();
}
