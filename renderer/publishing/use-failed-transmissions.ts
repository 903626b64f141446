import { useEffect, useState } from 'react';
import { lede } from '../api/client';
import { useSync } from '../sync/sync-state';

const POLL_MS = 30_000;

/**
 * Ids of stories whose latest publication did not reach an output, for the
 * library's marker: asked when the library shows, when sync state changes,
 * and twice a minute. Empty while signed out or offline.
 */
export function useFailedTransmissions(): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const syncState = useSync((s) => s.status?.state ?? null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void lede()
        .invoke('articles.publishingFailed', {})
        .then((result) => {
          if (live && result.ok) setIds(new Set(result.value.ids));
        });
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [syncState]);
  return ids;
}
