import type { SyncBadge as Badge } from '../../shared/sync-status';

const LABELS: Record<Badge, { text: string; title: string }> = {
  synced: { text: 'Synced', title: 'The newsroom server has stored every change made here.' },
  waiting: { text: 'Waiting', title: 'Changes made here are not on the newsroom server yet.' },
  flagged: { text: 'Not on server', title: 'The newsroom server no longer has this story. Decide what happens to it.' },
  local_only: { text: 'Only here', title: 'Kept on this computer only; it does not sync.' },
};

/** A story's sync state in the library list. */
export function SyncBadge({ sync }: { sync: Badge }) {
  const { text, title } = LABELS[sync];
  return (
    <span className={`sync-badge sync-badge-${sync}`} data-sync={sync} title={title}>
      <span className="visually-hidden">Sync: </span>
      {text}
    </span>
  );
}
