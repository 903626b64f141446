import { READY_EDIT_RULES, READY_EDIT_RULE_LABELS, type ReadyEditRule } from '../../shared/workflow/ready-edits';
import { LockedNote } from './LockedNote';

export interface EditingSettingsProps {
  readyEdits: ReadyEditRule;
  typographicQuotes: boolean;
  onChange(change: { readyEdits?: ReadyEditRule; typographicQuotes?: boolean }): void;
  lockedReadyEdits: boolean;
  lockedQuotes: boolean;
}

/** How writing behaves: what an edit to a Ready story does, and quotation marks while typing (ADR 0063). */
export function EditingSettings({ readyEdits, typographicQuotes, onChange, lockedReadyEdits, lockedQuotes }: EditingSettingsProps) {
  return (
    <fieldset className="settings-group">
      <legend className="settings-legend">Editing</legend>
      <div className="field">
        <label className="field-label" htmlFor="settings-ready-edits">
          When someone edits a Ready story
        </label>
        {lockedReadyEdits && <LockedNote id="settings-ready-edits-locked" />}
        <select
          id="settings-ready-edits"
          className="select"
          value={readyEdits}
          disabled={lockedReadyEdits}
          aria-describedby={lockedReadyEdits ? 'settings-ready-edits-locked settings-ready-edits-hint' : 'settings-ready-edits-hint'}
          onChange={(event) => onChange({ readyEdits: event.target.value as ReadyEditRule })}
        >
          {READY_EDIT_RULES.map((rule) => (
            <option key={rule} value={rule}>
              {READY_EDIT_RULE_LABELS[rule]}
            </option>
          ))}
        </select>
        <p id="settings-ready-edits-hint" className="field-hint">
          A Ready story has been signed off. Moving it back to In edit sends it through the desk again; only a desk editor can.
        </p>
      </div>
      <div className="check-field">
        <input
          id="settings-typographic-quotes"
          type="checkbox"
          checked={typographicQuotes}
          disabled={lockedQuotes}
          aria-describedby="settings-typographic-quotes-hint"
          onChange={(event) => onChange({ typographicQuotes: event.target.checked })}
        />
        <div>
          <label htmlFor="settings-typographic-quotes" className="check-label">
            Typographic quotes while typing
          </label>
          {lockedQuotes && <LockedNote id="settings-typographic-quotes-locked" />}
          <p id="settings-typographic-quotes-hint" className="field-hint">
            {/* No-break spaces: a pair of marks never splits across lines. */}
            {'Typing " and \' in a story gives its language’s quotation marks and apostrophe: “\u00a0” in English, „\u00a0“ in German, «\u00a0» in French. Pasted text is left as it is.'}
          </p>
        </div>
      </div>
    </fieldset>
  );
}
