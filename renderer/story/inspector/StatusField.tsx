import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { STATUSES, STATUS_LABELS, type Status } from '../../../shared/model';
import { allowedNextStatuses } from '../../../shared/status';
import { useWorkflowRole } from '../workflow/use-workflow-role';
import { StatusBadge } from '../../ui/StatusBadge';
import { useYMapValue } from '../use-y';

function asStatus(value: string | null): Status {
  return (STATUSES as readonly string[]).includes(value ?? '') ? (value as Status) : 'draft';
}

/**
 * The workflow control. Picking a status asks the story workspace to move
 * there (it shows the ready checklist first when the target has checks). Every status is in the menu, the allowed next steps
 * first: picking one that the workflow refuses is how a person learns why
 * (core's reason is shown beside the control), which a greyed-out item
 * could never tell them.
 */
export function StatusField({ meta, onChoose }: { meta: Y.Map<string | null>; onChoose(to: Status): Promise<string | null> }) {
  const status = asStatus(useYMapValue(meta, 'status'));
  const role = useWorkflowRole(useYMapValue(meta, 'desk') || null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = allowedNextStatuses(status, role);
  const others = STATUSES.filter((s) => s !== status && !allowed.includes(s));

  // A move made elsewhere (or just now) makes an old refusal beside the control stale.
  useEffect(() => setRefusal(null), [status]);

  // A status picked while the last move is still on its way is made next, not dropped.
  const latest = useRef(status);
  latest.current = status;
  const moving = useRef(false);
  const queued = useRef<Status | null>(null);
  const choose = async (to: Status) => {
    if (moving.current) {
      queued.current = to;
      return;
    }
    if (to === latest.current) return;
    moving.current = true;
    setBusy(true);
    setRefusal(null);
    let target: Status | null = to;
    while (target) {
      queued.current = null;
      // The workspace checks the move first; a checklist may open instead of a move.
      setRefusal(await onChoose(target));
      target = queued.current !== latest.current ? queued.current : null;
    }
    moving.current = false;
    setBusy(false);
  };

  const next = allowed.map((s) => STATUS_LABELS[s]);
  return (
    <div className="field status-field">
      <label className="field-label" htmlFor="inspector-status">
        Status
      </label>
      <div className="status-control">
        <StatusBadge status={status} />
        <select
          id="inspector-status"
          className="select"
          value={status}
          aria-busy={busy || undefined}
          aria-describedby="inspector-status-hint"
          onChange={(event) => void choose(event.target.value as Status)}
        >
          <optgroup label="Current">
            <option value={status}>{STATUS_LABELS[status]}</option>
          </optgroup>
          {allowed.length > 0 && (
            <optgroup label="Allowed next">
              {allowed.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </optgroup>
          )}
          {others.length > 0 && (
            <optgroup label="Not allowed now">
              {others.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <p id="inspector-status-hint" className="field-hint">
        {next.length > 0 ? `Next: ${listWithOr(next)}.` : 'No move is open to you from here.'}
      </p>
      {refusal && (
        <p role="alert" className="field-error status-refusal">
          {refusal}
        </p>
      )}
    </div>
  );
}

/** "Draft, Ready or Spiked". */
function listWithOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
