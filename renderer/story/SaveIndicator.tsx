import { useEffect, useState } from 'react';
import { useApp } from '../state/app-store';
import { KEEP_WHOLE } from '../ui/CollapsingActions';
import type { OpenArticle, SaveState } from './open-article';

function describe(state: SaveState, keptIn: 'browser' | 'tab'): string {
  switch (state.kind) {
    case 'saved':
      return 'Saved';
    case 'saving':
      return 'Saving…';
    case 'offline':
      // Lede's core is out of reach (the banner says so): the edits are not
      // on disk yet; in the web shell they wait in the browser (ADR 0068).
      return keptIn === 'browser' ? 'Not saved yet — kept in this browser' : 'Not saved yet — kept in this window';
    case 'error':
      return `Not saved: ${state.error.message}`;
  }
}

/** How long "Saving…" stays up after core acknowledged the last edit. */
const SAVED_SETTLE_MS = 600;

/**
 * Whether core has every edit on disk. "Saved" means exactly that (core
 * acknowledged it), never a hopeful guess. While someone types, each
 * keystroke is saved within a millisecond or two; flipping the label on
 * every one would flicker and cost layout work on every keystroke, so
 * "Saved" is shown once acknowledgements have been steady for a moment —
 * later than true, never earlier.
 */
export function SaveIndicator({ article }: { article: OpenArticle }) {
  const [shown, setShown] = useState<SaveState>(() => article.saveState);
  useEffect(() => {
    let settle: ReturnType<typeof setTimeout> | null = null;
    const off = article.onSaveState((state) => {
      if (state.kind === 'saved') {
        settle ??= setTimeout(() => {
          settle = null;
          if (article.saveState.kind === 'saved') setShown(article.saveState);
        }, SAVED_SETTLE_MS);
        return;
      }
      if (settle) clearTimeout(settle);
      settle = null;
      setShown((previous) => (sameDisplay(previous, state) ? previous : state));
    });
    return () => {
      off();
      if (settle) clearTimeout(settle);
    };
  }, [article]);
  const state = shown;
  const keptIn = useApp((s) => s.editsKept);
  return (
    <p {...KEEP_WHOLE} role="status" className={`save-indicator save-${state.kind}`} data-state={state.kind} title={describe(state, keptIn)}>
      <span className="save-dot" aria-hidden="true" />
      <span className="save-text">{describe(state, keptIn)}</span>
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

/** "Saving…" reads the same whatever the queue length; other states show their numbers. */
function sameDisplay(a: SaveState, b: SaveState): boolean {
  return a.kind === b.kind && (a.kind === 'saving' || describe(a, 'tab') === describe(b, 'tab'));
}
