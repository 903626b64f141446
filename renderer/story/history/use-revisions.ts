import { useCallback, useEffect, useState } from 'react';
import type { RevisionSummary } from '../../../shared/revisions/revision';
import { lede } from '../../api/client';

export type RevisionsState = { kind: 'loading' } | { kind: 'ready'; items: RevisionSummary[] } | { kind: 'failed'; message: string };

/** A story's history, refreshed whenever core says it gained an entry. */
export function useRevisions(id: string): { state: RevisionsState; reload(): void } {
  const [state, setState] = useState<RevisionsState>({ kind: 'loading' });
  const load = useCallback(() => {
    void lede()
      .invoke('article.revisions', { id })
      .then((result) => setState(result.ok ? { kind: 'ready', items: result.value.items } : { kind: 'failed', message: result.error.message }));
  }, [id]);
  useEffect(() => {
    load();
    return lede().on('article.revisionsChanged', (event) => {
      if (event.id === id) load();
    });
  }, [id, load]);
  return { state, reload: load };
}
