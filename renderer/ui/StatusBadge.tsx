import { STATUS_LABELS, type Status } from '../../shared/model';

/** The status as a coloured pill; the colour comes from --status-<status> in tokens.css. */
export function StatusBadge({ status }: { status: Status }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
