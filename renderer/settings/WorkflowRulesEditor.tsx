import { STATUS_LABELS } from '../../shared/model';
import { CHECKED_STATUSES, RULE_IDS, RULE_LABELS, RULE_LEVELS, type RuleLevel, type WorkflowRules } from '../../shared/workflow/rules';

const LEVEL_LABELS: Record<RuleLevel, string> = { ERROR: 'Blocks', WARN: 'Asks', off: 'Off' };

/** The ready checks per target status: each rule blocks the move, asks first, or is off. */
export function WorkflowRulesEditor({ rules, onChange }: { rules: WorkflowRules; onChange(rules: WorkflowRules): void }) {
  return (
    <fieldset className="settings-group">
      <legend className="settings-legend">Checks before a move</legend>
      <p className="field-hint">“Blocks” stops the move until it is fixed; “Asks” shows the checklist and lets the person confirm.</p>
      <table className="rules-table">
        <thead>
          <tr>
            <th scope="col">Check</th>
            {CHECKED_STATUSES.map((status) => (
              <th key={status} scope="col">
                To {STATUS_LABELS[status]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {RULE_IDS.map((rule) => (
            <tr key={rule}>
              <th scope="row">{RULE_LABELS[rule]}</th>
              {CHECKED_STATUSES.map((status) => (
                <td key={status}>
                  <select
                    className="select select-small"
                    aria-label={`${RULE_LABELS[rule]}, moving to ${STATUS_LABELS[status]}`}
                    value={rules[status][rule]}
                    onChange={(event) => onChange({ ...rules, [status]: { ...rules[status], [rule]: event.target.value as RuleLevel } })}
                  >
                    {RULE_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {LEVEL_LABELS[level]}
                      </option>
                    ))}
                  </select>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
