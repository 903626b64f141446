import { useState, type FormEvent } from 'react';
import { ACCOUNT_ROLE_LABELS } from '../../shared/accounts/roles';
import { describeSyncStatus, type SyncStatus } from '../../shared/sync-status';
import { lede } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { relativeTime } from '../ui/format';
import { showToast } from '../ui/toast-store';
import { LostDeviceNotice } from './LostDeviceNotice';
import { RefusedChanges } from './RefusedChanges';
import { SignInForm } from './SignInForm';
import { SignOutPanel } from './SignOutPanel';
import { useSync } from './sync-state';


/** Sign in to the newsroom's sync server, or see the account and what sync is doing. */
export function SyncDialog() {
  const status = useSync((s) => s.status);
  const close = useSync((s) => s.closeDialog);
  const [signingOut, setSigningOut] = useState(false);
  if (!status) return null;
  const needsSignIn = status.state === 'signed_out' || status.error?.code === 'unauthorized';
  if (signingOut && status.account) {
    return (
      <Dialog title="Sign out of sync" onClose={() => setSigningOut(false)} className="sync-dialog">
        <SignOutPanel status={status} onCancel={() => setSigningOut(false)} onSignedOut={close} />
      </Dialog>
    );
  }
  return (
    <Dialog title={needsSignIn ? 'Sign in to your newsroom' : 'Sync'} onClose={close} className="sync-dialog">
      {status.state === 'signed_out' && <LostDeviceNotice />}
      {needsSignIn ? <SignInForm status={status} onSignedIn={close} /> : <AccountPanel status={status} onSignOut={() => setSigningOut(true)} />}
    </Dialog>
  );
}

function AccountPanel({ status, onSignOut }: { status: SyncStatus; onSignOut(): void }) {
  const setStatus = useSync((s) => s.setStatus);
  const openFlagged = useSync((s) => s.openFlagged);
  const close = useSync((s) => s.closeDialog);
  const [days, setDays] = useState(String(status.catalogDays));
  const [daysError, setDaysError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const account = status.account!;

  const saveDays = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1 || value > 3650) {
      setDaysError('Enter a whole number of days from 1 to 3650.');
      return;
    }
    setDaysError(null);
    setBusy(true);
    const result = await lede().invoke('sync.setOptions', { catalogDays: value });
    setBusy(false);
    if (!result.ok) return setDaysError(result.error.message);
    setStatus(result.value);
    showToast({ message: `Stories changed in the last ${value} days will be on this computer.` });
  };

  const retry = async () => {
    const result = await lede().invoke('sync.retry', {});
    if (result.ok) setStatus(result.value);
  };

  return (
    <div className="sync-panel">
      <dl className="sync-facts">
        <dt>Signed in as</dt>
        <dd>
          {account.name} <span className="muted">· {ACCOUNT_ROLE_LABELS[account.role]}{account.role === 'reader' ? ' (read-only)' : ''}</span>
        </dd>
        <dt>Desks</dt>
        <dd>{account.desks.length > 0 ? account.desks.join(', ') : <span className="muted">None (stories no desk has claimed)</span>}</dd>
        <dt>Server</dt>
        <dd className="sync-server">{account.serverUrl}</dd>
        <dt>State</dt>
        <dd>
          <span className={`sync-state-text sync-${status.state}`} role="status">
            {describeSyncStatus(status)}
          </span>
          {status.lastSyncedAt && <span className="muted"> · last stored {relativeTime(status.lastSyncedAt, Date.now())}</span>}
        </dd>
      </dl>
      {status.state === 'offline' && (
        <p className="field-hint">Lede keeps trying with growing pauses. Your changes are safe on this computer meanwhile.</p>
      )}
      <RefusedChanges />
      {status.flagged > 0 && (
        <div className="inline-alert" role="alert">
          <span>
            {status.flagged === 1 ? '1 story is' : `${status.flagged} stories are`} no longer on the server.
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              close();
              openFlagged();
            }}
          >
            Review
          </button>
        </div>
      )}
      <form className="sync-days" onSubmit={saveDays} noValidate>
        <label className="field-label" htmlFor="sync-days">
          Bring stories changed in the last (days)
        </label>
        <div className="sync-days-row">
          <input
            id="sync-days"
            className="input"
            inputMode="numeric"
            value={days}
            aria-invalid={daysError ? true : undefined}
            aria-describedby={daysError ? 'sync-days-error' : 'sync-days-hint'}
            onChange={(event) => setDays(event.target.value)}
          />
          <button type="submit" className="button" disabled={busy || days === String(status.catalogDays)}>
            Save
          </button>
        </div>
        {daysError ? (
          <p id="sync-days-error" className="field-error">
            {daysError}
          </p>
        ) : (
          <p id="sync-days-hint" className="field-hint">
            Colleagues’ stories changed in this window come to this computer. Yours always sync.
          </p>
        )}
      </form>
      <div className="dialog-actions sync-actions">
        <button type="button" className="button button-danger-quiet" onClick={onSignOut} disabled={busy}>
          Sign out…
        </button>
        <span className="topbar-spacer" />
        {(status.state === 'offline' || status.state === 'error' || status.state === 'connecting') && (
          <button type="button" className="button" onClick={() => void retry()}>
            Retry now
          </button>
        )}
        <button type="button" className="button button-primary" onClick={close}>
          Done
        </button>
      </div>
    </div>
  );
}
