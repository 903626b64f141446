import { useEffect, useRef, useState } from 'react';
import type { Status } from '../../../shared/model';
import { DEFAULT_READY_EDIT_RULE, READY_EDIT_WARNING, respondToEdit } from '../../../shared/workflow/ready-edits';
import { lede } from '../../api/client';
import { useApp } from '../../state/app-store';
import { showToast } from '../../ui/toast-store';
import { REMOTE_ORIGIN, type OpenArticle } from '../open-article';
import { useWorkflowRole } from './use-workflow-role';

/**
 * Notices this person's own edit to a story at Ready and answers it by the
 * newsroom's rule (shared/workflow/ready-edits.ts): returns the warning to
 * show, or moves the story back to In edit and says so. A colleague's edit
 * (it arrives from core) is theirs to be told about, not ours. Answered once
 * per stay at Ready: the warning stays up, a move happens once.
 */
export function useReadyEditNotice(article: OpenArticle, status: Status, desk: string | null): string | null {
  const rule = useApp((s) => s.config?.readyEdits ?? DEFAULT_READY_EDIT_RULE);
  const role = useWorkflowRole(desk);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef({ status, rule, role, answered: false });
  current.current = { ...current.current, status, rule, role };

  useEffect(() => {
    current.current.answered = false;
    setNotice(null);
  }, [article, status]);

  useEffect(() => {
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE_ORIGIN || current.current.answered) return;
      const response = respondToEdit(current.current.status, current.current.rule, current.current.role);
      if (response.kind === 'none') return;
      current.current.answered = true;
      if (response.kind === 'warn') {
        setNotice(response.message);
        return;
      }
      void lede()
        .invoke('article.setStatus', { id: article.id, to: response.to })
        .then((result) => {
          if (result.ok) showToast({ message: response.message });
          else setNotice(`${READY_EDIT_WARNING} It could not be moved back to In edit: ${result.error.message}`);
        });
    };
    article.doc.on('update', onUpdate);
    return () => article.doc.off('update', onUpdate);
  }, [article]);

  return notice;
}
