import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { DocKind } from '../../shared/documents/doc-names';
import { rivalOffer, rivalVersions, rivalsOf, settleRival, type RivalVersion } from '../../shared/field-rewrites';
import { useApp } from '../state/app-store';

export interface RivalVersionNoticesProps {
  doc: Y.Doc;
  kind: DocKind;
  /** The field's name in its document ("headline", "slug"). */
  field: string;
  readOnly?: boolean;
}

/** The rival versions of one field, re-read whenever anyone settles one or the server adds one. */
function useRivals(doc: Y.Doc, field: string): Array<{ id: string; rival: RivalVersion }> {
  const [rivals, setRivals] = useState(() => rivalsOf(doc, field));
  useEffect(() => {
    const map = rivalVersions(doc);
    const update = () => setRivals(rivalsOf(doc, field));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc, field]);
  return rivals;
}

/**
 * Settling removes the notice and the button with it: the caret goes back to
 * the field (the element before this field's notices), not to the page's top.
 */
function focusField(button: HTMLElement): void {
  let before = button.closest('.rival-notice')?.previousElementSibling ?? null;
  while (before?.classList.contains('rival-notice')) before = before.previousElementSibling;
  before?.querySelector<HTMLElement>('textarea, input')?.focus();
}

/**
 * Beside a short field: another version of it written offline at the same
 * time as the one shown, which the sync server kept whole instead of merging
 * the two letter by letter (ADR 0061). "Use this" writes the offered text
 * (an ordinary edit), "Keep mine" keeps the shown one — or, for the person
 * whose version was not kept, writes theirs back; either clears the notice
 * for everyone on the story.
 */
export function RivalVersionNotices({ doc, kind, field, readOnly }: RivalVersionNoticesProps) {
  const rivals = useRivals(doc, field);
  const viewer = useApp((s) => s.profile?.name ?? '');
  if (rivals.length === 0) return null;
  return (
    <>
      {rivals.map(({ id, rival }) => {
        const offer = rivalOffer(kind, rival, viewer);
        const textId = `rival-${id}`;
        return (
          <div key={id} className="rival-notice" role="group" aria-labelledby={textId} data-field={field}>
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
              <button type="button" className="button button-small" disabled={readOnly} onClick={(event) => {
                  focusField(event.currentTarget);
                  settleRival(doc, kind, id, offer.useWrites);
                }}
              >
                Use this
              </button>
              <button type="button" className="button button-small" disabled={readOnly} onClick={(event) => {
                  focusField(event.currentTarget);
                  settleRival(doc, kind, id, offer.keepWrites);
                }}
              >
                Keep mine
              </button>
            </div>
          </div>
        );
      })}
    </>
  );
}
