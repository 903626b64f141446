import { useEffect, useState } from 'react';
import { lede } from '../api/client';
import { useSync } from '../sync/sync-state';

const POLL_MS = 30_000;

export interface PublishingMarkers {
  /** Stories whose latest publication did not reach an output. */
  failed: ReadonlySet<string>;
  /** Stories the server holds by their embargo: when it ends. */
  embargoed: ReadonlyMap<string, string>;
}

const NONE: PublishingMarkers = { failed: new Set(), embargoed: new Map() };

/**
 * What the library marks from the newsroom server's publishing: stories not
 * sent, and stories held by an embargo with when it ends. Asked when the
 * library shows, when sync state changes, and twice a minute. None while
 * signed out or offline.
 */
export function usePublishingMarkers(): PublishingMarkers {
  const [markers, setMarkers] = useState<PublishingMarkers>(NONE);
  const syncState = useSync((s) => s.status?.state ?? null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void Promise.all([lede().invoke('articles.publishingFailed', {}), lede().invoke('articles.publishingEmbargoed', {})]).then(([failed, embargoed]) => {
        if (!live) return;
        setMarkers({
          failed: failed.ok ? new Set(failed.value.ids) : NONE.failed,
          embargoed: embargoed.ok ? new Map(embargoed.value.stories.map((story) => [story.id, story.until])) : NONE.embargoed,
        });
      });
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [syncState]);
  return markers;
}
