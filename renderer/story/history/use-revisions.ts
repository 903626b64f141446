import { useCallback, useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import type { RevisionSummary } from '../../../shared/revisions/revision';
import { lede } from '../../api/client';

/** Whether the list includes the versions taken on the newsroom's other computers, and if not, why. */
export type NewsroomReach = ResultOf<'article.revisions'>['newsroom'];

export type RevisionsState =
  | { kind: 'loading' }
  | { kind: 'ready'; items: RevisionSummary[]; newsroom: NewsroomReach }
  | { kind: 'failed'; message: string };

/** A story's history, refreshed whenever core says it gained an entry (here or from the newsroom). */
export function useRevisions(id: string): { state: RevisionsState; reload(): void } {
  const [state, setState] = useState<RevisionsState>({ kind: 'loading' });
  const load = useCallback(() => {
    void lede()
      .invoke('article.revisions', { id })
      .then((result) =>
        setState(result.ok ? { kind: 'ready', items: result.value.items, newsroom: result.value.newsroom } : { kind: 'failed', message: result.error.message }),
      );
  }, [id]);
  useEffect(() => {
    load();
    return lede().on('article.revisionsChanged', (event) => {
      if (event.id === id) load();
    });
  }, [id, load]);
  return { state, reload: load };
}
