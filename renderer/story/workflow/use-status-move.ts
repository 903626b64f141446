import { useState } from 'react';
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
 */
export function useStatusMove(id: string, current: Status, desk: string | null) {
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
    if (!checkTransition(current, to, role).allowed) return move(to, []);
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
    move: (acknowledge: RuleId[]) => (checklistFor ? move(checklistFor, acknowledge) : Promise.resolve(`Nothing to move to ${STATUS_LABELS[current]}.`)),
    cancel: () => setChecklistFor(null),
  };
}
