import { useId } from 'react';
import type * as Y from 'yjs';
import { isoWithOffset, parseIsoInstant } from '../../shared/time';
import { useYMapValue } from '../story/use-y';
import { exactTime } from '../ui/format';

/** `YYYY-MM-DDTHH:mm` in this computer's zone, as a datetime-local input shows it. */
function localInputValue(ms: number): string {
  const iso = isoWithOffset(ms);
  return iso.slice(0, 16);
}

/**
 * "Embargoed until": a date and time in this computer's zone, stored with
 * its offset, so the newsroom server (not this laptop's clock) holds the
 * story from its outputs until then (ADR 0071). Wire outputs configured to
 * take embargoed copy get it at once, with the embargo in the ninjs.
 */
export function EmbargoField({ meta, readOnly }: { meta: Y.Map<string | null>; readOnly?: boolean }) {
  const raw = useYMapValue(meta, 'embargoedUntil');
  const ms = raw ? parseIsoInstant(raw) : null;
  const inputId = useId();
  const hintId = useId();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const set = (value: string | null) => meta.doc?.transact(() => meta.set('embargoedUntil', value));
  const passed = ms !== null && ms <= Date.now();
  return (
    <div className="field">
      <label className="field-label" htmlFor={inputId}>
        Embargoed until
      </label>
      <div className="input-row">
        <input
          id={inputId}
          className="input"
          type="datetime-local"
          value={ms !== null ? localInputValue(ms) : ''}
          readOnly={readOnly}
          aria-describedby={hintId}
          onChange={(event) => {
            const picked = event.target.value ? new Date(event.target.value).getTime() : NaN;
            set(Number.isFinite(picked) ? isoWithOffset(picked) : null);
          }}
        />
        {raw && !readOnly && (
          <button type="button" className="button button-small" onClick={() => set(null)}>
            Lift embargo
          </button>
        )}
      </div>
      <p id={hintId} className={passed ? 'field-error' : 'field-hint'}>
        {raw && ms === null
          ? `“${raw}” is not a date and time: the server will not send the story until it is set again.`
          : passed
            ? `${exactTime(raw)} has passed: the story is not held.`
            : ms !== null
              ? `Outputs get it from ${exactTime(raw)} (${zone}); wire outputs that take embargoed copy get it at once, marked embargoed.`
              : `None. Times are in ${zone}.`}
      </p>
    </div>
  );
}
