import { describeSyncStatus, syncHeadline } from '../../shared/sync-status';
import { useApp } from '../state/app-store';
import { KEEP_WHOLE } from '../ui/CollapsingActions';
import { useSync } from './sync-state';

/**
 * The global sync state in a header: offline with the changes waiting,
 * syncing, synced (= the server stored everything), or the error. Opens the
 * sync dialog (sign in, account, retry).
 *
 * While the window has lost Lede's core, the last status it heard is stale
 * and nothing here can change it: the connection banner is then the one
 * place that says what is wrong, and this is not shown (one badge).
 */
export function SyncStatusButton() {
  const status = useSync((s) => s.status);
  const openDialog = useSync((s) => s.openDialog);
  const coreReachable = useApp((s) => s.connection === 'open');
  if (!status || !coreReachable) return null;
  const text = syncHeadline(status);
  const label = status.state === 'signed_out' ? 'Sync: not signed in. Sign in to sync' : `Sync: ${describeSyncStatus(status)}`;
  return (
    <button
      {...KEEP_WHOLE}
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
