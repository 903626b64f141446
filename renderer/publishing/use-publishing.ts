import { useCallback, useEffect, useState } from 'react';
import type { ResultOf } from '../../shared/contract';
import { lede } from '../api/client';
import { useSync } from '../sync/sync-state';

export type PublishingState = { kind: 'loading' } | { kind: 'done'; publishing: ResultOf<'article.publishing'> } | { kind: 'failed'; message: string };

/** While something is on its way (or a publish waits to reach the server), asked this often; otherwise rarely. */
const BUSY_POLL_MS = 3000;
const IDLE_POLL_MS = 30_000;

/**
 * What the newsroom server sent of the open story, per output. The server
 * transmits; the laptop asks: when the story opens, whenever this laptop's
 * sync state changes (a change stored after being offline), and on a
 * bounded poll — every few seconds while a transmission is waiting or
 * retrying or the story is published here but not yet there, else twice a minute.
 */
export function usePublishing(id: string, publishedHere: boolean): PublishingState {
  const [state, setState] = useState<PublishingState>({ kind: 'loading' });
  const syncState = useSync((s) => s.status?.state ?? null);
  const load = useCallback(() => {
    void lede()
      .invoke('article.publishing', { id })
      .then((result) => setState(result.ok ? { kind: 'done', publishing: result.value } : { kind: 'failed', message: result.error.message }));
  }, [id]);
  useEffect(load, [load, syncState, publishedHere]);
  const busy = state.kind === 'done' && isBusy(state.publishing, publishedHere);
  useEffect(() => {
    const timer = setInterval(load, busy ? BUSY_POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [load, busy]);
  return state;
}

function isBusy(publishing: ResultOf<'article.publishing'>, publishedHere: boolean): boolean {
  if (!publishing.available) return publishedHere && publishing.reason === 'not_on_server';
  if (publishedHere && publishing.latestVersion === null && publishing.problem === null) return true;
  // Held by an embargo: nothing changes until it ends (the idle poll looks again).
  return publishing.transmissions.some((row) => (row.state === 'waiting' && row.heldUntil === null) || row.state === 'retrying');
}
