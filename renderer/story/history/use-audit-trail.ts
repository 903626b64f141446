import { useCallback, useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import { lede } from '../../api/client';

export type AuditTrailState = { kind: 'loading' } | { kind: 'done'; trail: ResultOf<'article.auditTrail'> } | { kind: 'failed'; message: string };

/** Who changed the story, from the newsroom server; asked again whenever the history gains a version. */
export function useAuditTrail(id: string): AuditTrailState {
  const [state, setState] = useState<AuditTrailState>({ kind: 'loading' });
  const load = useCallback(() => {
    void lede()
      .invoke('article.auditTrail', { id })
      .then((result) => setState(result.ok ? { kind: 'done', trail: result.value } : { kind: 'failed', message: result.error.message }));
  }, [id]);
  useEffect(() => {
    load();
    return lede().on('article.revisionsChanged', (event) => {
      if (event.id === id) load();
    });
  }, [id, load]);
  return state;
}
