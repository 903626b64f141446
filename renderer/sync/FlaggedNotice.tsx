import { useSync } from './sync-state';

/** In the library: stories the server no longer has wait for a decision. */
export function FlaggedNotice() {
  const flagged = useSync((s) => s.status?.flagged ?? 0);
  const openFlagged = useSync((s) => s.openFlagged);
  if (flagged === 0) return null;
  return (
    <div className="sync-flagged-notice" role="alert">
      <span>
        {flagged === 1 ? 'One story is' : `${flagged} stories are`} no longer on the newsroom server (it was reset or restored). They stay here
        until you decide.
      </span>
      <button type="button" className="button button-small" onClick={openFlagged}>
        Review
      </button>
    </div>
  );
}
