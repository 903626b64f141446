import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SyncStatus } from '../../shared/sync-status';
import type { ResultOf } from '../../shared/contract';
import { lede } from '../api/client';
import { showToast } from '../ui/toast-store';
import { useSync } from './sync-state';

type Preview = ResultOf<'sync.removalPreview'>;

export const REMOVE_LABEL = "Remove this newsroom's stories from this computer";

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
/** "3 stories and 2 photos", "1 story" (no "0 photos"). */
const storiesAndPhotos = (p: { stories: number; photos: number }) =>
  p.photos === 0 ? count(p.stories, 'story', 'stories') : `${count(p.stories, 'story', 'stories')} and ${count(p.photos, 'photo', 'photos')}`;

/**
 * Sign out, optionally removing every story and photo that came from or went
 * to the newsroom's server (ADR 0050). Changes the server has not stored are
 * counted and must be confirmed as lost before they go.
 */
export function SignOutPanel({ status, onCancel, onSignedOut }: { status: SyncStatus; onCancel(): void; onSignedOut(): void }) {
  const setStatus = useSync((s) => s.setStatus);
  const [remove, setRemove] = useState(false);
  const [confirmLoss, setConfirmLoss] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const loadPreview = async () => {
    const result = await lede().invoke('sync.removalPreview', {});
    if (result.ok) setPreview(result.value);
    else setError(`Lede could not count the newsroom’s stories on this computer: ${result.error.message}`);
    return result.ok ? result.value : null;
  };
  useEffect(() => {
    void loadPreview();
  }, []);

  const atRisk = remove && preview !== null && preview.unsyncedChanges > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (atRisk && !confirmLoss) {
      setError(`Tick the box to confirm that ${count(preview.unsyncedChanges, 'change', 'changes')} may be lost, or sign out without removing stories.`);
      confirmRef.current?.focus();
      return;
    }
    setError(null);
    setWorking(true);
    const result = await lede().invoke('sync.signOut', remove ? { removeNewsroomData: true, confirmUnsyncedLoss: atRisk && confirmLoss } : {});
    setWorking(false);
    if (!result.ok) {
      // Changes arrived since the counts were read: show the new ones and ask again.
      if (result.error.code === 'unsynced_changes') {
        setConfirmLoss(false);
        await loadPreview();
      }
      setError(result.error.message);
      return;
    }
    setStatus(result.value);
    showToast({
      message:
        remove && preview
          ? `Signed out. Removed ${storiesAndPhotos(preview)} from this computer.`
          : 'Signed out. Stories stay on this computer.',
    });
    onSignedOut();
  };

  return (
    <form className="sign-out-panel" onSubmit={submit} noValidate aria-busy={working || undefined}>
      <p className="sign-in-intro">
        Signing out of <strong>{status.account?.serverUrl}</strong> stops sync on this computer and forgets your access token. Your stories stay here
        unless you remove them.
      </p>
      <div className="check-field">
        <input
          id="sign-out-remove"
          type="checkbox"
          checked={remove}
          disabled={working}
          aria-describedby="sign-out-remove-hint"
          onChange={(event) => {
            setRemove(event.target.checked);
            setConfirmLoss(false);
            setError(null);
            if (event.target.checked) void loadPreview();
          }}
        />
        <div>
          <label htmlFor="sign-out-remove" className="check-label">
            {REMOVE_LABEL}
          </label>
          <p id="sign-out-remove-hint" className="field-hint">
            {preview
              ? `Removes ${storiesAndPhotos(preview)} that came from or went to the server. ${
                  preview.keptStories === 0 ? 'No story here is unsynced.' : `${count(preview.keptStories, 'story', 'stories')} never synced ${preview.keptStories === 1 ? 'stays' : 'stay'}.`
                } The server keeps its copies; they come back if you sign in again.`
              : 'Stories you never synced stay. The server keeps its copies.'}
          </p>
        </div>
      </div>
      {atRisk && (
        <div className="sign-out-risk" role="alert">
          <p>
            <strong>{count(preview.unsyncedChanges, 'change', 'changes')}</strong> made on this computer {preview.unsyncedChanges === 1 ? 'has' : 'have'} not
            reached the server. Removing now deletes {preview.unsyncedChanges === 1 ? 'it' : 'them'} for
            good. {status.state === 'offline' ? 'Connect to the network and wait for “Synced” to keep them.' : 'Wait for “Synced” to keep them.'}
          </p>
          <div className="check-field">
            <input
              ref={confirmRef}
              id="sign-out-confirm-loss"
              type="checkbox"
              checked={confirmLoss}
              disabled={working}
              onChange={(event) => {
                setConfirmLoss(event.target.checked);
                setError(null);
              }}
            />
            <label htmlFor="sign-out-confirm-loss" className="check-label">
              Remove anyway and lose {preview.unsyncedChanges === 1 ? 'this change' : `these ${preview.unsyncedChanges.toLocaleString('en')} changes`}
            </label>
          </div>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions sync-actions">
        <button type="button" className="button" onClick={onCancel} disabled={working}>
          Cancel
        </button>
        <span className="topbar-spacer" />
        <button type="submit" className={remove ? 'button button-danger' : 'button button-primary'} disabled={working}>
          {working ? (remove ? 'Removing stories…' : 'Signing out…') : remove ? 'Sign out and remove stories' : 'Sign out'}
        </button>
      </div>
    </form>
  );
}
