import { useCallback, useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import { lede } from '../../api/client';

export type AuditTrailState = { kind: 'loading' } | { kind: 'done'; trail: ResultOf<'article.auditTrail'> } | { kind: 'failed'; message: string };

/** How long after the server stored something the trail is asked again: typing stores several times a second. */
const STORED_SETTLE_MS = 1_000;

/**
 * Who changed the story, from the newsroom server. Asked again whenever the
 * history gains a version, and once the server has stored what this computer
 * sent: a status move makes its version here at once, before the server has
 * it and can name who made it.
 */
export function useAuditTrail(id: string): AuditTrailState {
  const [state, setState] = useState<AuditTrailState>({ kind: 'loading' });
  const load = useCallback(() => {
    void lede()
      .invoke('article.auditTrail', { id })
      .then((result) => setState(result.ok ? { kind: 'done', trail: result.value } : { kind: 'failed', message: result.error.message }));
  }, [id]);
  useEffect(() => {
    load();
    // Unknown at first: the first status heard with a time may be the very store this waits for.
    let lastSynced: string | null | undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const offRevisions = lede().on('article.revisionsChanged', (event) => {
      if (event.id === id) load();
    });
    const offStatus = lede().on('sync.status', (status) => {
      const changed = status.lastSyncedAt !== null && status.lastSyncedAt !== lastSynced;
      lastSynced = status.lastSyncedAt;
      if (!changed || timer) return;
      timer = setTimeout(() => {
        timer = null;
        load();
      }, STORED_SETTLE_MS);
    });
    return () => {
      offRevisions();
      offStatus();
      if (timer) clearTimeout(timer);
    };
  }, [id, load]);
  return state;
}
