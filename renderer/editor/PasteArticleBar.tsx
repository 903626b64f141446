import { useEffect, useRef } from 'react';
import { articleNotes } from '../../shared/web-article/web-article';
import type { HtmlArticle } from '../../shared/web-article/html-article';
import type { OfferedField } from './article-paste';

/**
 * The bar above the body that a pasted whole article raises (ADR 0066): the
 * question, what the page would fill (and which of the story's own fields
 * stay as typed), and what it cannot keep. Focus goes to "Fill fields", so
 * Enter fills, Tab reaches "Paste into the text only", Escape pastes nothing.
 */
export function PasteArticleBar({
  article,
  offers,
  onFill,
  onPasteText,
  onCancel,
}: {
  article: HtmlArticle;
  offers: OfferedField[];
  onFill(): void;
  onPasteText(): void;
  onCancel(): void;
}) {
  const fillRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    fillRef.current?.focus();
  }, []);
  const notes = articleNotes(article);
  return (
    <div
      className="paste-article-bar"
      role="group"
      aria-labelledby="paste-article-question"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p id="paste-article-question" className="paste-article-question">
        This looks like a whole article. Fill the story's fields from it?
      </p>
      {offers.length > 0 && (
        <dl className="paste-article-fields" aria-label="Fields found in the article">
          {offers.map((field) => (
            <div key={field.label} className={field.taken ? 'paste-article-field is-taken' : 'paste-article-field'}>
              <dt>{field.label}</dt>
              <dd>
                {field.taken && <span className="paste-article-kept">Yours is kept: </span>}
                <span className="paste-article-value">{field.value}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {notes.map((note) => (
        <p key={note} className="paste-article-note">
          {note}
        </p>
      ))}
      <div className="paste-article-actions">
        <button ref={fillRef} type="button" className="button button-small button-primary" onClick={onFill}>
          Fill fields
        </button>
        <button type="button" className="button button-small" onClick={onPasteText}>
          Paste into the text only
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
