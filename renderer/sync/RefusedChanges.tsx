import type { RefusedChange } from '../../shared/sync-status';
import { lede } from '../api/client';
import { relativeTime } from '../ui/format';
import { useSync } from './sync-state';

/**
 * Changes of this computer's that the newsroom's server refused (a move to
 * Published by a reporter, a story sent to a desk one is not on…). Lede
 * has already put back what the server holds; this says what happened until
 * the person dismisses it. `articleId` narrows it to one story (its banner).
 */
export function RefusedChanges({ articleId }: { articleId?: string }) {
  const status = useSync((state) => state.status);
  const setStatus = useSync((state) => state.setStatus);
  const refusals = (status?.refusals ?? []).filter((refusal) => articleId === undefined || refusal.articleId === articleId);
  if (refusals.length === 0) return null;

  const dismiss = async (refusal: RefusedChange | null) => {
    const result = await lede().invoke('sync.dismissRefusal', { docId: refusal?.docId ?? null });
    if (result.ok) setStatus(result.value);
  };

  return (
    <section className="refused-changes" aria-label="Changes the newsroom refused">
      {articleId === undefined && <h3 className="refused-title">Refused by the newsroom</h3>}
      <ul className="refused-list">
        {refusals.map((refusal) => (
          <li key={refusal.docId} className="inline-alert refused-item" role="alert">
            <span>
              {articleId === undefined && <strong>{refusal.headline || 'Untitled story'}: </strong>}
              {refusal.message} <span className="muted">({relativeTime(refusal.at, Date.now())}; the story is back as the newsroom has it.)</span>
            </span>
            <button type="button" className="button button-small" onClick={() => void dismiss(refusal)} aria-label={`Dismiss: ${refusal.message}`}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
