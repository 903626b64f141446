import { lazy, Suspense, useEffect } from 'react';
import { shellBridge } from './api/shell';
import { matchesShortcut } from './editor/shortcut-label';
import { useHelp } from './help/help-store';
import { SHORTCUTS } from './help/shortcuts';
import { ShortcutsDialog } from './help/ShortcutsDialog';
import { useApp } from './state/app-store';
import { showToast } from './ui/toast-store';
import { ConnectScreen } from './ConnectScreen';
import { ProfileSetup } from './profile/ProfileSetup';
import { LibraryScreen } from './library/LibraryScreen';
// Small (no editor): in the main bundle, so the desk paints without fetching a chunk first.
import { PhotoDeskScreen } from './photos/PhotoDeskScreen';
import { ConnectionBanner } from './ConnectionBanner';
import { PolicyBanner } from './PolicyBanner';
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
  const shortcutsOpen = useHelp((s) => s.shortcutsOpen);
  const closeShortcuts = useHelp((s) => s.closeShortcuts);

  useEffect(() => {
    void start();
  }, [start]);

  // Mod-/ anywhere opens the shortcuts screen; in Electron the Help menu's
  // accelerator takes the key first and sends the same request over the shell channel.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, SHORTCUTS.showShortcuts.keys)) return;
      event.preventDefault();
      useHelp.getState().openShortcuts();
    };
    window.addEventListener('keydown', onKey);
    const stopCommands = shellBridge()?.onCommand((command) => {
      if (command.type === 'show-shortcuts') useHelp.getState().openShortcuts();
      else showToast({ message: command.message, tone: command.state === 'failed' ? 'error' : 'info' });
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopCommands?.();
    };
  }, []);

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

  const help = shortcutsOpen ? <ShortcutsDialog onClose={closeShortcuts} /> : null;
  if (phase.kind === 'connecting') return <ConnectScreen state="connecting" />;
  if (phase.kind === 'connect-failed') return <ConnectScreen state="failed" message={phase.message} />;
  if (phase.kind === 'needs-profile') return <ProfileSetup />;
  return (
    <>
      <ConnectionBanner />
      <PolicyBanner />
      {route.screen === 'story' ? (
        <Suspense
          fallback={
            <p role="status" className="story-loading">
              Opening the story…
            </p>
          }
        >
          <StoryScreen key={route.id} id={route.id} fresh={route.fresh ?? false} />
        </Suspense>
      ) : route.screen === 'photos' ? (
        <PhotoDeskScreen />
      ) : (
        <LibraryScreen />
      )}
      {help}
      <SyncOverlays />
    </>
  );
}
