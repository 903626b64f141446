import { describeSyncStatus, syncHeadline } from '../../shared/sync-status';
import { useSync } from './sync-state';

/**
 * The global sync state in a header: offline with the changes waiting,
 * syncing, synced (= the server stored everything), or the error. Opens the
 * sync dialog (sign in, account, retry).
 */
export function SyncStatusButton() {
  const status = useSync((s) => s.status);
  const openDialog = useSync((s) => s.openDialog);
  if (!status) return null;
  const text = syncHeadline(status);
  const label = status.state === 'signed_out' ? 'Sync: not signed in. Sign in to sync' : `Sync: ${describeSyncStatus(status)}`;
  return (
    <button
      type="button"
      className={`sync-status sync-${status.state}`}
      data-state={status.state}
      onClick={openDialog}
      aria-label={label}
      title={status.error?.message ?? describeSyncStatus(status)}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text" aria-live="polite">
        {text}
      </span>
    </button>
  );
}
