import { useState } from 'react';
import type * as Y from 'yjs';
import { readStatus } from '../../../shared/article-doc';
import { STATUS_LABELS, type Status } from '../../../shared/model';
import { checkTransition } from '../../../shared/status';
import type { RuleId } from '../../../shared/workflow/rules';
import { lede } from '../../api/client';
import { showToast } from '../../ui/toast-store';
import { useWorkflowRole } from './use-workflow-role';

/**
 * Moving a story: a move the workflow refuses goes straight to core, which
 * explains why; a move to a status with checks asks core for them first and,
 * if anything is found, opens the checklist instead of moving. A checked move
 * with nothing found says so ("All checks passed"), in the notifications'
 * live region, so a screen reader hears it too: silence would leave the person
 * wondering whether anything was checked at all.
 *
 * The status a move starts from is read from the story's document when the
 * move is chosen, not from the last render: a status picked while the
 * previous move was on its way runs from a callback of an older render, and
 * judging it from that render's status (Draft) would skip the checks of a
 * move from In edit to Ready.
 */
export function useStatusMove(id: string, meta: Y.Map<string | null>, desk: string | null) {
  const role = useWorkflowRole(desk);
  const [checklistFor, setChecklistFor] = useState<Status | null>(null);

  const move = async (to: Status, acknowledge: RuleId[]): Promise<string | null> => {
    const result = await lede().invoke('article.setStatus', { id, to, acknowledge });
    if (result.ok) {
      setChecklistFor(null);
      return null;
    }
    if (result.error.code === 'transition_refused' || result.error.code === 'checks_failed') return result.error.message;
    return `The status was not changed: ${result.error.message}`;
  };

  const choose = async (to: Status): Promise<string | null> => {
    setChecklistFor(null);
    if (!checkTransition(readStatus(meta), to, role).allowed) return move(to, []);
    const check = await lede().invoke('article.check', { id, to });
    if (!check.ok) return `The status was not changed: ${check.error.message}`;
    if (check.value.findings.length === 0) {
      const refusal = await move(to, []);
      if (refusal === null && check.value.rules.length > 0) showToast({ message: `All checks passed. Moved to ${STATUS_LABELS[to]}.` });
      return refusal;
    }
    setChecklistFor(to);
    return null;
  };

  return {
    checklistFor,
    choose,
    move: (acknowledge: RuleId[]) => (checklistFor ? move(checklistFor, acknowledge) : Promise.resolve(`Nothing to move to ${STATUS_LABELS[readStatus(meta)]}.`)),
    cancel: () => setChecklistFor(null),
  };
}
