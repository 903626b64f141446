import type { NewsroomRole } from '../../../shared/model';
import { isDeskEditor, workflowRoleOn, type Actor } from '../../../shared/workflow/story-rules';
import { useApp } from '../../state/app-store';
import { useSync } from '../../sync/sync-state';

/** The signed-in newsroom account as the story rules see it, or null while signed out. */
export function useActingAccount(): Actor | null {
  const account = useSync((state) => state.status?.account ?? null);
  return account ? { role: account.role, desks: account.desks } : null;
}

/**
 * The role the workflow gives this person on a story of `desk`: the
 * account's (desk editor on its desks) once signed in, the profile's before
 * — the same rule core and the server apply.
 */
export function useWorkflowRole(desk: string | null): NewsroomRole {
  const account = useActingAccount();
  const profileRole = useApp((s) => s.profile?.role ?? 'reporter');
  return account ? workflowRoleOn(account, desk) : profileRole;
}

/** Whether this person may do the desk editor's moves on a story of `desk`. */
export function useIsDeskEditor(desk: string | null): boolean {
  const account = useActingAccount();
  const profileRole = useApp((s) => s.profile?.role);
  return account ? isDeskEditor(account, desk) : profileRole === 'editor';
}
