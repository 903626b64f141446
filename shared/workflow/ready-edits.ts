import type { NewsroomRole, Status } from '../model';
import { checkTransition } from '../status';

/**
 * What happens when someone edits a story that is at Ready (ADR 0063).
 * A Ready story is one the desk has signed off; an edit after that is easy to
 * miss, so it is never silent:
 * - `warn` (the default): the story stays Ready and the person sees "This
 *   story is Ready — your edit is on a Ready story", so they can tell the desk;
 * - `back-to-in-edit`: their first edit moves the story back to In edit, so it
 *   goes through the desk (and its checks) again. Only someone the workflow
 *   lets make that move (a desk editor) can; anyone else gets the warning,
 *   saying who can.
 */
export const READY_EDIT_RULES = ['warn', 'back-to-in-edit'] as const;
export type ReadyEditRule = (typeof READY_EDIT_RULES)[number];
export const DEFAULT_READY_EDIT_RULE: ReadyEditRule = 'warn';

/** The rule's names as Settings shows them. */
export const READY_EDIT_RULE_LABELS: Record<ReadyEditRule, string> = {
  warn: 'Warn: keep it Ready and show that it was edited',
  'back-to-in-edit': 'Move it back to In edit',
};

export const READY_EDIT_WARNING = 'This story is Ready — your edit is on a Ready story.';

export type ReadyEditResponse =
  | { kind: 'none' }
  | { kind: 'warn'; message: string }
  | { kind: 'move'; to: 'in_edit'; message: string };

/** What an edit by someone of `role` to a story at `status` calls for under `rule`. */
export function respondToEdit(status: Status, rule: ReadyEditRule, role: NewsroomRole): ReadyEditResponse {
  if (status !== 'ready') return { kind: 'none' };
  if (rule === 'back-to-in-edit') {
    if (checkTransition('ready', 'in_edit', role).allowed) {
      return { kind: 'move', to: 'in_edit', message: 'Your edit moved this story from Ready back to In edit.' };
    }
    return { kind: 'warn', message: `${READY_EDIT_WARNING} A desk editor can move it back to In edit.` };
  }
  return { kind: 'warn', message: READY_EDIT_WARNING };
}
