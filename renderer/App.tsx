import { lazy, Suspense, useEffect } from 'react';
import { useApp } from './state/app-store';
import { ConnectScreen } from './ConnectScreen';
import { ProfileSetup } from './profile/ProfileSetup';
import { LibraryScreen } from './library/LibraryScreen';
import { ConnectionBanner } from './ConnectionBanner';
import { SyncOverlays } from './sync/SyncOverlays';
import { useSync } from './sync/sync-state';

// The story screen carries the editor (Tiptap, ProseMirror, Yjs bindings):
// loaded as its own chunk so the library paints without it, and fetched in
// idle time right after, so opening the first story does not wait for it.
const loadStoryScreen = () => import('./story/StoryScreen');
const StoryScreen = lazy(() => loadStoryScreen().then((module) => ({ default: module.StoryScreen })));

/** Connect, make sure we know who is writing, then show the library or a story. */
export function App() {
  const phase = useApp((s) => s.phase);
  const route = useApp((s) => s.route);
  const start = useApp((s) => s.start);

  useEffect(() => {
    void start();
  }, [start]);

  useEffect(() => {
    if (phase.kind === 'ready') void useSync.getState().start();
  }, [phase.kind]);

  useEffect(() => {
    if (phase.kind !== 'ready') return;
    const prefetch = () => void loadStoryScreen();
    if ('requestIdleCallback' in window) {
      const handle = requestIdleCallback(prefetch, { timeout: 2000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(prefetch, 500);
    return () => clearTimeout(timer);
  }, [phase.kind]);

  if (phase.kind === 'connecting') return <ConnectScreen state="connecting" />;
  if (phase.kind === 'connect-failed') return <ConnectScreen state="failed" message={phase.message} />;
  if (phase.kind === 'needs-profile') return <ProfileSetup />;
  return (
    <>
      <ConnectionBanner />
      {route.screen === 'story' ? (
        <Suspense
          fallback={
            <p role="status" className="story-loading">
              Opening the story…
            </p>
          }
        >
          <StoryScreen key={route.id} id={route.id} />
        </Suspense>
      ) : (
        <LibraryScreen />
      )}
      <SyncOverlays />
    </>
  );
}
