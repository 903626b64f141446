import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { authorHue } from '../../../shared/review/author-hue';
import {
  FIELD_LABELS,
  FIELD_SUGGESTIONS_MAP,
  acceptFieldSuggestion,
  listFieldSuggestions,
  rejectFieldSuggestion,
  type FieldSuggestion,
  type SuggestibleField,
} from '../../../shared/review/field-suggestions';
import { articleParts } from '../../../shared/article-doc';
import { showToast } from '../../ui/toast-store';
import { useYText } from '../use-y';
import { exactTime, relativeTime } from '../../ui/format';

/** The story's field suggestions, re-read whenever anyone changes them or a field. */
export function useFieldSuggestions(doc: Y.Doc): FieldSuggestion[] {
  const [list, setList] = useState(() => listFieldSuggestions(doc));
  useEffect(() => {
    const map = doc.getMap(FIELD_SUGGESTIONS_MAP);
    const read = () => setList(listFieldSuggestions(doc));
    map.observe(read);
    read();
    return () => map.unobserve(read);
  }, [doc]);
  return list;
}

function settle(doc: Y.Doc, id: string, accept: boolean): void {
  try {
    if (accept) acceptFieldSuggestion(doc, id);
    else rejectFieldSuggestion(doc, id);
  } catch (error) {
    showToast({ message: error instanceof Error ? error.message : String(error), tone: 'error' });
  }
}

/** One suggested replacement: who suggests what instead of what, with Accept and Reject when the story can be edited. */
export function FieldSuggestionItem({ doc, suggestion, editable, current }: { doc: Y.Doc; suggestion: FieldSuggestion; editable: boolean; current: string }) {
  const who = suggestion.authorName || 'Someone';
  const label = FIELD_LABELS[suggestion.field];
  const what = suggestion.text === '' ? `Remove the ${label.toLowerCase()}` : `${label}: “${suggestion.text}”`;
  return (
    <li className="review-item field-suggestion" aria-label={`${who} suggests a ${label.toLowerCase()}`} style={{ ['--author-hue' as string]: authorHue(suggestion.authorId) }}>
      <p className="review-item-what">
        <span className="review-author">{who}</span>{' '}
        <time dateTime={suggestion.at} title={exactTime(suggestion.at)}>
          {relativeTime(suggestion.at)}
        </time>
        <br />
        <ins className="field-suggestion-text">{what}</ins>
        {current !== '' && (
          <span className="field-suggestion-was muted">
            instead of <del>“{current}”</del>
          </span>
        )}
        {suggestion.was !== current && suggestion.was !== '' && <span className="field-suggestion-was muted">(suggested when it read “{suggestion.was}”)</span>}
      </p>
      {editable && (
        <div className="review-item-actions">
          <button type="button" className="button button-small" onClick={() => settle(doc, suggestion.id, true)}>
            Accept
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => settle(doc, suggestion.id, false)}>
            Reject
          </button>
        </div>
      )}
    </li>
  );
}

/** Beside a field: the replacements suggested for it. Nothing when there are none. */
export function FieldSuggestionList({ doc, field, editable }: { doc: Y.Doc; field: SuggestibleField; editable: boolean }) {
  const suggestions = useFieldSuggestions(doc).filter((suggestion) => suggestion.field === field);
  const current = useYText(articleParts(doc)[field]);
  if (suggestions.length === 0) return null;
  return (
    <ul className="review-list field-suggestions" aria-label={`Suggested ${FIELD_LABELS[field].toLowerCase()}s`}>
      {suggestions.map((suggestion) => (
        <FieldSuggestionItem key={suggestion.id} doc={doc} suggestion={suggestion} editable={editable} current={current} />
      ))}
    </ul>
  );
}
