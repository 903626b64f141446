import { useEffect, useState } from 'react';
import type { ResultOf } from '../../shared/contract';
import { lede } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { showToast } from '../ui/toast-store';
import { useSync } from './sync-state';

type Flagged = ResultOf<'sync.flagged'>;

/**
 * Each story the server no longer knows, with the two honest choices: send
 * it to the server again, or keep it on this computer only. Nothing is
 * merged into the server until the person says so.
 */
export function FlaggedDialog() {
  const close = useSync((s) => s.closeFlagged);
  const [items, setItems] = useState<Flagged | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    const result = await lede().invoke('sync.flagged', {});
    if (result.ok) setItems(result.value);
    else setError(result.error.message);
  };
  useEffect(() => {
    void load();
  }, []);

  const decide = async (docId: string, choice: 'upload' | 'keep_local') => {
    const result = await lede().invoke('sync.resolveFlag', { docId, choice });
    if (!result.ok) return showToast({ message: `Could not do that: ${result.error.message}`, tone: 'error' });
    showToast({ message: choice === 'upload' ? 'The story will be uploaded again.' : 'The story stays on this computer only.' });
    const remaining = (items ?? []).filter((item) => item.id !== docId);
    setItems(remaining);
    if (remaining.length === 0) close();
  };

  return (
    <Dialog
      title="Stories not on the server"
      onClose={close}
      className="flagged-dialog"
      description="The newsroom server no longer has these stories, though it stored them before — it was probably reset or restored from a backup. Lede has not sent them back on its own."
    >
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {items === null && !error && <p role="status">Loading…</p>}
      {items && items.length === 0 && <p role="status">Nothing waits for a decision.</p>}
      {items && items.length > 0 && (
        <ul className="flagged-list">
          {items.map((item) => (
            <li key={item.id} className="flagged-item">
              <span className="flagged-headline" dir="auto">
                {item.headline || <span className="muted">Untitled story</span>}
              </span>
              <span className="flagged-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Upload again: ${item.headline || 'Untitled story'}`}
                  onClick={() => void decide(item.id, 'upload')}
                >
                  Upload again
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={`Keep only on this computer: ${item.headline || 'Untitled story'}`}
                  onClick={() => void decide(item.id, 'keep_local')}
                >
                  Keep only on this computer
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
