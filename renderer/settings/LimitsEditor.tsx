import { LIMITED_FIELDS, type LimitedField } from '../../shared/config';
import { LockedNote } from './LockedNote';

export type LimitDrafts = Record<LimitedField, { warn: string; error: string }>;
export type LimitErrors = Partial<Record<LimitedField, string>>;

const FIELD_LABELS: Record<LimitedField, string> = { headline: 'Headline', kicker: 'Kicker', teaser: 'Teaser' };

/** Whole numbers from 1 to 100,000 with the warning at or below the hard limit. */
export function validateLimits(drafts: LimitDrafts): LimitErrors {
  const errors: LimitErrors = {};
  for (const field of LIMITED_FIELDS) {
    const warn = Number(drafts[field].warn);
    const error = Number(drafts[field].error);
    const label = FIELD_LABELS[field];
    const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= 100_000;
    if (!valid(warn) || !valid(error)) errors[field] = `${label}: use whole numbers from 1 to 100,000.`;
    else if (warn > error) errors[field] = `${label}: the warning (${warn}) must not be above the hard limit (${error}).`;
  }
  return errors;
}

interface LimitsEditorProps {
  drafts: LimitDrafts;
  errors: LimitErrors;
  onChange(drafts: LimitDrafts): void;
  /** Set by the newsroom's policy: shown, not changeable. */
  locked?: boolean;
}

/** Soft and hard length limits per field, counted in characters of plain text. */
export function LimitsEditor({ drafts, errors, onChange, locked = false }: LimitsEditorProps) {
  return (
    <fieldset className="settings-group" disabled={locked} aria-describedby={locked ? 'settings-limits-locked' : undefined}>
      <legend className="settings-legend">Field limits</legend>
      {locked && <LockedNote id="settings-limits-locked" />}
      <p className="field-hint">Characters of plain text. Past the warning the count turns amber; past the hard limit, red.</p>
      <table className="limits-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col" id="limits-warn">
              Warn above
            </th>
            <th scope="col" id="limits-error">
              Hard limit
            </th>
          </tr>
        </thead>
        <tbody>
          {LIMITED_FIELDS.map((field) => (
            <tr key={field}>
              <th scope="row" id={`limits-${field}`}>
                {FIELD_LABELS[field]}
              </th>
              {(['warn', 'error'] as const).map((level) => (
                <td key={level}>
                  <input
                    className="input input-number"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={100_000}
                    step={1}
                    aria-labelledby={`limits-${field} limits-${level}`}
                    aria-invalid={errors[field] ? true : undefined}
                    aria-describedby={errors[field] ? `limits-${field}-problem` : undefined}
                    value={drafts[field][level]}
                    onChange={(event) => onChange({ ...drafts, [field]: { ...drafts[field], [level]: event.target.value } })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {LIMITED_FIELDS.map(
        (field) =>
          errors[field] && (
            <p key={field} id={`limits-${field}-problem`} className="field-error">
              {errors[field]}
            </p>
          ),
      )}
    </fieldset>
  );
}
