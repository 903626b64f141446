import type { Editor } from '@tiptap/core';
import { describeSuggestion } from '../../shared/review/suggestions';
import { authorHue } from '../../shared/review/author-hue';
import { exactTime, relativeTime } from '../ui/format';
import { acceptIn, rejectIn, suggestionAtSelection } from './settle-suggestions';
import { useDeferredEditorState } from './use-deferred-editor-state';

/** Where the popover sits: under the suggestion's first line, inside the editor's box. */
function popoverState(editor: Editor) {
  const suggestion = suggestionAtSelection(editor);
  if (!suggestion || editor.isDestroyed) return { suggestion: null, top: 0, left: 0, editable: editor.isEditable };
  const box = editor.view.dom.closest('.story-editor')?.getBoundingClientRect();
  const at = editor.view.coordsAtPos(suggestion.ranges[0]!.from);
  return { suggestion, top: at.bottom - (box?.top ?? 0) + 4, left: Math.max(0, at.left - (box?.left ?? 0)), editable: editor.isEditable };
}

/**
 * The text's popover: with the cursor in a suggestion, who suggested what,
 * and "Accept" / "Reject" (the same as in the Suggestions panel).
 */
export function SuggestionPopover({ editor }: { editor: Editor }) {
  const { suggestion, top, left, editable } = useDeferredEditorState(editor, popoverState);
  if (!suggestion) return null;
  return (
    <div
      className="suggestion-popover"
      role="group"
      aria-label={`Suggestion by ${suggestion.authorName || 'someone'}`}
      style={{ top, left, ['--author-hue' as string]: authorHue(suggestion.authorId) }}
      // The editor keeps its selection while the buttons are clicked.
      onMouseDown={(event) => event.preventDefault()}
    >
      <p className="suggestion-popover-text">
        <span className="review-author">{suggestion.authorName || 'Someone'}</span> <time dateTime={suggestion.at} title={exactTime(suggestion.at)}>
          {relativeTime(suggestion.at)}
        </time>
        <br />
        {describeSuggestion(suggestion)}
      </p>
      {editable && (
        <div className="suggestion-popover-actions">
          <button type="button" className="button button-small" onClick={() => acceptIn(editor, suggestion.id)}>
            Accept
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => rejectIn(editor, suggestion.id)}>
            Reject
          </button>
        </div>
      )}
    </div>
  );
}
