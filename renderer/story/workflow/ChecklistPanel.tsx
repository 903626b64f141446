import type { Editor } from '@tiptap/core';
import { useState } from 'react';
import type * as Y from 'yjs';
import { STATUS_LABELS, type Status } from '../../../shared/model';
import { hasErrors, type Finding } from '../../../shared/workflow/checks';
import type { RuleId } from '../../../shared/workflow/rules';
import { useApp } from '../../state/app-store';
import { goToFinding } from './go-to-finding';
import { useReadyChecks } from './use-ready-checks';

interface ChecklistPanelProps {
  doc: Y.Doc;
  target: Status;
  editor: Editor | null;
  /** Makes the move; resolves with core's refusal, if any. */
  onMove(acknowledge: RuleId[]): Promise<string | null>;
  onCancel(): void;
}

/**
 * The checklist shown before a move to a checked status: every rule that
 * applies, ticked or not, each problem a link to its place in the story.
 * Errors must be fixed; warnings may be confirmed. It follows the story
 * live, so fixing something ticks it off.
 */
export function ChecklistPanel({ doc, target, editor, onMove, onCancel }: ChecklistPanelProps) {
  const config = useApp((s) => s.config);
  const result = useReadyChecks(doc, target, config);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!result) return null;

  const label = STATUS_LABELS[target];
  const blocked = hasErrors(result);
  const warnings = [...new Set(result.findings.filter((f) => f.level === 'WARN').map((f) => f.rule))];
  const byRule = new Map<RuleId, Finding[]>();
  for (const finding of result.findings) byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding]);
  const errors = result.findings.filter((f) => f.level === 'ERROR').length;

  const move = async () => {
    setBusy(true);
    setRefusal(await onMove(warnings));
    setBusy(false);
  };

  return (
    <section className="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title" className="checklist-title">
        Before moving to {label}
      </h2>
      <p className="checklist-summary" role="status" aria-live="polite">
        {blocked
          ? `${errors === 1 ? '1 problem blocks' : `${errors} problems block`} the move. Fix ${errors === 1 ? 'it' : 'them'} first.`
          : warnings.length
            ? 'Only warnings left: check them, then confirm the move.'
            : `All checks passed. Ready to move to ${label}.`}
      </p>
      <ul className="checklist-rules">
        {result.rules.map(({ rule, label: ruleLabel }) => {
          const problems = byRule.get(rule) ?? [];
          const level = problems[0]?.level;
          const state = problems.length === 0 ? 'ok' : level === 'ERROR' ? 'error' : 'warn';
          return (
            <li key={rule} className={`checklist-rule checklist-${state}`} data-rule={rule}>
              <span className="checklist-mark" aria-hidden="true">
                {state === 'ok' ? '✓' : state === 'error' ? '✕' : '!'}
              </span>
              <span className="checklist-rule-text">
                <span className="checklist-rule-label">
                  {ruleLabel}
                  <span className="visually-hidden">{state === 'ok' ? ': passed' : state === 'error' ? ': must be fixed' : ': warning'}</span>
                </span>
                {problems.length > 0 && (
                  <ul className="checklist-findings">
                    {problems.map((finding, index) => (
                      <li key={index}>
                        <button type="button" className="link-button" onClick={() => goToFinding(finding.where, editor, doc)}>
                          {finding.message}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {refusal && (
        <p role="alert" className="field-error">
          {refusal}
        </p>
      )}
      <div className="checklist-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-primary" disabled={blocked || busy} onClick={() => void move()}>
          {warnings.length && !blocked ? `Move to ${label} anyway` : `Move to ${label}`}
        </button>
      </div>
    </section>
  );
}
