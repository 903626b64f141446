import type { Editor } from '@tiptap/core';
import { authorHue } from '../../../shared/review/author-hue';
import { describeSuggestion, listSuggestions, type Suggestion } from '../../../shared/review/suggestions';
import { acceptIn, rejectIn, settleAllIn, showSuggestion } from '../../editor/settle-suggestions';
import { useDeferredEditorState } from '../../editor/use-deferred-editor-state';
import { countLabel, exactTime, relativeTime } from '../../ui/format';
import type * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { settleAllFieldSuggestions } from '../../../shared/review/field-suggestions';
import { FieldSuggestionItem, useFieldSuggestions } from './FieldSuggestions';

const suggestionsOf = (editor: Editor) => ({ suggestions: listSuggestions(editor.state.doc), editable: editor.isEditable });

/** How many suggestions wait, in the fields and the body, for the header's "Suggestions" button. */
export function useSuggestionCount(editor: Editor, doc: Y.Doc): number {
  const body = useDeferredEditorState(editor, (current) => ({ count: listSuggestions(current.state.doc).length })).count;
  return body + useFieldSuggestions(doc).length;
}

/**
 * The story's suggestions in story order, beside the text: who suggested
 * what and when; selecting one shows it in the text; each can be accepted
 * or rejected, or all at once (ADR 0072).
 */
export function SuggestionsPanel({ editor, doc, onClose }: { editor: Editor; doc: Y.Doc; onClose(): void }) {
  const { suggestions: inBody, editable } = useDeferredEditorState(editor, suggestionsOf);
  const inFields = useFieldSuggestions(doc);
  const total = inFields.length + inBody.length;
  const settleAll = (accept: boolean) => {
    settleAllFieldSuggestions(doc, accept);
    settleAllIn(editor, accept);
  };
  return (
    <aside className="inspector review-panel" aria-labelledby="suggestions-title">
      <div className="history-header">
        <h2 id="suggestions-title" className="history-title">
          Suggestions
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close suggestions
        </button>
      </div>
      <p className="field-hint" role="status">
        {total === 0
          ? 'No suggestions. Turn on “Suggest changes” in the toolbar to suggest instead of editing.'
          : `${countLabel(total, 'suggestion', 'suggestions')} waiting. Exports and the word count leave them out until they are accepted.`}
      </p>
      {total > 0 && editable && (
        <div className="review-panel-actions">
          <button type="button" className="button button-small" onClick={() => settleAll(true)}>
            Accept all
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => settleAll(false)}>
            Reject all
          </button>
        </div>
      )}
      <ol className="review-list" aria-label="Suggestions in story order">
        {/* Story order: the kicker, headline and teaser come before the body. */}
        {inFields.map((suggestion) => (
          <FieldSuggestionItem key={suggestion.id} doc={doc} suggestion={suggestion} editable={editable} current={articleParts(doc)[suggestion.field].toString()} />
        ))}
        {inBody.map((suggestion) => (
          <SuggestionItem key={suggestion.id} editor={editor} suggestion={suggestion} editable={editable} />
        ))}
      </ol>
    </aside>
  );
}

function SuggestionItem({ editor, suggestion, editable }: { editor: Editor; suggestion: Suggestion; editable: boolean }) {
  const what = describeSuggestion(suggestion);
  return (
    // Each item is named by who suggests what, so its "Accept" and "Reject" are heard in context.
    <li className="review-item" aria-label={`${suggestion.authorName || 'Someone'}: ${what}`} style={{ ['--author-hue' as string]: authorHue(suggestion.authorId) }}>
      <button type="button" className="review-item-show" onClick={() => showSuggestion(editor, suggestion)} aria-label={`Show in the text: ${what}`}>
        <span className="review-author">{suggestion.authorName || 'Someone'}</span>{' '}
        <time dateTime={suggestion.at} title={exactTime(suggestion.at)}>
          {relativeTime(suggestion.at)}
        </time>
        <span className="review-item-what">{what}</span>
      </button>
      {editable && (
        <div className="review-item-actions">
          <button type="button" className="button button-small" onClick={() => acceptIn(editor, suggestion.id)}>
            Accept
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => rejectIn(editor, suggestion.id)}>
            Reject
          </button>
        </div>
      )}
    </li>
  );
}
