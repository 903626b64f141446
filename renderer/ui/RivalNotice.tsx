import type { RivalOffer } from '../../shared/field-rewrites';

/**
 * Settling removes the notice and the button with it: the caret goes back to
 * the field (the element before the field's notices), not to the page's top.
 */
function focusField(button: HTMLElement): void {
  let before = button.closest('.rival-notice')?.previousElementSibling ?? null;
  while (before?.classList.contains('rival-notice')) before = before.previousElementSibling;
  before?.querySelector<HTMLElement>('textarea, input')?.focus();
}

export interface RivalNoticeProps {
  id: string;
  field: string;
  offer: RivalOffer;
  readOnly?: boolean;
  /** Writes `write` (null: nothing) to the field and clears the rival. */
  onSettle(write: string | null): void;
}

/**
 * One rival version beside its field (ADR 0061): "Wesley Rahn also rewrote
 * the headline offline: “…” — Use this / Keep mine". The person whose
 * version was not kept also sees their own: what "Keep mine" brings back.
 * Placed right after the field it is about (stories and the photo desk).
 */
export function RivalNotice({ id, field, offer, readOnly, onSettle }: RivalNoticeProps) {
  const textId = `rival-${id}`;
  const settle = (button: HTMLElement, write: string | null) => {
    focusField(button);
    onSettle(write);
  };
  return (
    <div className="rival-notice" role="group" aria-labelledby={textId} data-field={field}>
      <p id={textId} className="rival-notice-text">
        {offer.name} also rewrote the {offer.label} offline: <span className="rival-notice-version">“{offer.text}”</span>
        {offer.mine !== null && (
          <span className="rival-notice-mine">
            {' '}
            Yours was not kept: <span className="rival-notice-version">“{offer.mine}”</span>
          </span>
        )}
      </p>
      <div className="rival-notice-actions">
        <button type="button" className="button button-small" disabled={readOnly} onClick={(event) => settle(event.currentTarget, offer.useWrites)}>
          Use this
        </button>
        <button type="button" className="button button-small" disabled={readOnly} onClick={(event) => settle(event.currentTarget, offer.keepWrites)}>
          Keep mine
        </button>
      </div>
    </div>
  );
}
