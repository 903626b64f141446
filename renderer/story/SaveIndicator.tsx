import { useCallback, useSyncExternalStore } from 'react';
import type { OpenArticle, SaveState } from '../documents/open-article';

function describe(state: SaveState): string {
  switch (state.kind) {
    case 'saved':
      return 'Saved';
    case 'saving':
      return 'Saving…';
    case 'offline':
      return `Offline — ${state.waiting} ${state.waiting === 1 ? 'change' : 'changes'} waiting`;
    case 'error':
      return `Not saved: ${state.error.message}`;
  }
}

/**
 * Whether core has every edit on disk. "Saved" means exactly that (core
 * acknowledged it), never a hopeful guess.
 */
export function SaveIndicator({ article }: { article: OpenArticle }) {
  const subscribe = useCallback((listener: () => void) => article.onSaveState(listener), [article]);
  const state = useSyncExternalStore(subscribe, () => article.saveState);
  return (
    <p role="status" className={`save-indicator save-${state.kind}`} data-state={state.kind} title={describe(state)}>
      <span className="save-dot" aria-hidden="true" />
      <span className="save-text">{describe(state)}</span>
      {state.kind === 'error' && state.fatal && (
        // Core refused a change it can never store; later edits build on it,
        // so the only way on is the story as core has it.
        <button type="button" className="button button-small" onClick={() => location.reload()}>
          Reload story
        </button>
      )}
    </p>
  );
}
