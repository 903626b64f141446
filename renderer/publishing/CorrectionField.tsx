import { useId } from 'react';
import type * as Y from 'yjs';
import { useYMapValue } from '../story/use-y';

/**
 * "Correction note": what changed and why, for readers. Sent with the next
 * version the story is published in, as the ninjs description of role
 * `correction` (ADR 0071); cleared by hand when it no longer applies.
 */
export function CorrectionField({ meta, readOnly }: { meta: Y.Map<string | null>; readOnly?: boolean }) {
  const value = useYMapValue(meta, 'correction') ?? '';
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={inputId}>
        Correction note
      </label>
      <textarea
        id={inputId}
        className="input textarea"
        rows={2}
        maxLength={1000}
        value={value}
        readOnly={readOnly}
        placeholder="e.g. An earlier version misstated the minister’s party."
        aria-describedby={hintId}
        onChange={(event) => {
          const next = event.target.value;
          meta.doc?.transact(() => meta.set('correction', next));
        }}
      />
      <p id={hintId} className="field-hint">
        Optional. Sent with the next published version, marked as a correction.
      </p>
    </div>
  );
}
