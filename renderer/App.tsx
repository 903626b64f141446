import { useEffect } from 'react';
import { useApp } from './state/app-store';
import { ConnectScreen } from './ConnectScreen';
import { ProfileSetup } from './profile/ProfileSetup';
import { LibraryScreen } from './library/LibraryScreen';
import { StoryScreen } from './story/StoryScreen';
import { ConnectionBanner } from './ConnectionBanner';

/** Connect, make sure we know who is writing, then show the library or a story. */
export function App() {
  const phase = useApp((s) => s.phase);
  const route = useApp((s) => s.route);
  const start = useApp((s) => s.start);

  useEffect(() => {
    void start();
  }, [start]);

  if (phase.kind === 'connecting') return <ConnectScreen state="connecting" />;
  if (phase.kind === 'connect-failed') return <ConnectScreen state="failed" message={phase.message} />;
  if (phase.kind === 'needs-profile') return <ProfileSetup />;
  return (
    <>
      <ConnectionBanner />
      {route.screen === 'story' ? <StoryScreen key={route.id} id={route.id} /> : <LibraryScreen />}
    </>
  );
}
