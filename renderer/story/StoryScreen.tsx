import { useEffect, useState } from 'react';
import type { OpenArticle } from './open-article';
import { matchesShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { useApp } from '../state/app-store';
import { Toaster } from '../ui/Toaster';
import { acquireArticle, releaseArticle } from './article-session';
import { StoryHeader } from './StoryHeader';
import { StoryWorkspace } from './StoryWorkspace';

type Loading = { kind: 'loading' } | { kind: 'ready'; article: OpenArticle } | { kind: 'missing' } | { kind: 'failed'; message: string };

/**
 * Opens one story and shows it. The story is closed (its edits drained to
 * core first) when the screen goes away.
 */
export function StoryScreen({ id, fresh = false }: { id: string; fresh?: boolean }) {
  const navigate = useApp((s) => s.navigate);
  const [state, setState] = useState<Loading>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const back = () => navigate({ screen: 'library' });

  useEffect(() => {
    let active = true;
    setState({ kind: 'loading' });
    acquireArticle(id).then(
      (article) => {
        if (active) setState({ kind: 'ready', article });
      },
      (error: Error & { code?: string }) => {
        if (!active) return;
        setState(error.code === 'not_found' ? { kind: 'missing' } : { kind: 'failed', message: error.message });
      },
    );
    return () => {
      active = false;
      releaseArticle(id);
    };
  }, [id, attempt]);

  // Alt+Left goes back; Escape does not, because people press it inside the editor all the time.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (matchesShortcut(event, SHORTCUTS.backToLibrary.keys)) {
        event.preventDefault();
        navigate({ screen: 'library' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  if (state.kind === 'ready') return <StoryWorkspace article={state.article} onBack={back} focusFirstField={fresh} />;

  return (
    <div className="screen story-screen">
      <StoryHeader onBack={back} />
      <main className="story-message">
        {state.kind === 'loading' && (
          <div className="story-loading" aria-busy="true">
            <p role="status" className="visually-hidden">
              Opening the story…
            </p>
            <span className="skeleton skeleton-line skeleton-short" aria-hidden="true" />
            <span className="skeleton skeleton-title" aria-hidden="true" />
            <span className="skeleton skeleton-line" aria-hidden="true" />
            <span className="skeleton skeleton-line" aria-hidden="true" />
          </div>
        )}
        {state.kind === 'missing' && (
          <div role="alert" className="error-state">
            <h1 className="empty-title">This story no longer exists</h1>
            <p>It may have been deleted for good, here or on another computer.</p>
            <button type="button" className="button button-primary" onClick={back}>
              Back to the library
            </button>
          </div>
        )}
        {state.kind === 'failed' && (
          <div role="alert" className="error-state">
            <h1 className="empty-title">The story could not be opened</h1>
            <p>{state.message}</p>
            <div className="form-actions">
              <button type="button" className="button" onClick={back}>
                Back to the library
              </button>
              <button type="button" className="button button-primary" onClick={() => setAttempt((n) => n + 1)}>
                Retry
              </button>
            </div>
          </div>
        )}
      </main>
      <Toaster />
    </div>
  );
}
