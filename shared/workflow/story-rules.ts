import type { AccountRole } from '../accounts/roles';
import { workflowRoleOf } from '../accounts/roles';
import type { NewsroomRole, Status } from '../model';
import { STATUSES, STATUS_LABELS } from '../model';
import { checkTransition } from '../status';

/**
 * Who may do what to a story, for everyone who decides it: core before a
 * move, and the sync server on every update a laptop sends (the server runs
 * these on the story's document before and after the update). Pure.
 *
 * A story belongs to one desk. An account reads and writes the stories of
 * its desks; a story no desk has claimed yet (made before desks existed, or
 * offline before any sign-in) is open to every account that may write. An
 * admin sees and does everything.
 */
export interface Actor {
  role: AccountRole;
  desks: readonly string[];
}

/** The parts of a story the workflow guards, as its document holds them. */
export interface GuardedStory {
  status: Status | null;
  desk: string | null;
  trashedAt: string | null;
  publishedAt: string | null;
  createdAt: string | null;
}

export type StoryAccess = 'none' | 'read' | 'write';

export function storyAccess(actor: Actor, desk: string | null): StoryAccess {
  if (actor.role === 'admin') return 'write';
  const mine = desk === null || actor.desks.includes(desk);
  if (!mine) return 'none';
  return actor.role === 'reader' ? 'read' : 'write';
}

/** The desk editor of a story: an editor on its desk (any editor while no desk has it), or an admin. */
export function isDeskEditor(actor: Actor, desk: string | null): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'editor' && (desk === null || actor.desks.includes(desk));
}

/** The role the status rules see for this person on this story. */
export function workflowRoleOn(actor: Actor, desk: string | null): NewsroomRole {
  if (isDeskEditor(actor, desk)) return 'editor';
  const role = workflowRoleOf(actor.role);
  return role === 'editor' ? 'reporter' : role;
}

/** A refused change: the rule's words for the person, and which guarded parts it touched. */
export interface StoryRefusal {
  message: string;
  fields: Array<keyof GuardedStory>;
}

/**
 * Why changing a story from `before` to `after` is not this person's to do,
 * or null. `before` is null for a story the server has never seen.
 */
export function refusedStoryChange(before: GuardedStory | null, after: GuardedStory, actor: Actor): StoryRefusal | null {
  const refuse = (message: string, ...fields: Array<keyof GuardedStory>): StoryRefusal => ({ message, fields });
  if (actor.role === 'reader') return refuse('Your account can read stories but not change them.', 'status');
  const desk = before ? before.desk : after.desk;
  if (storyAccess(actor, desk) !== 'write') return refuse(`This story belongs to the ${desk} desk, which you are not on.`, 'desk');

  if (!before) return refusedNewStory(after, actor);

  if (before.createdAt !== null && after.createdAt !== before.createdAt) return refuse('A story’s creation date never changes.', 'createdAt');

  if (after.desk !== before.desk) {
    const refusal = refusedDeskMove(before.desk, after.desk, actor);
    if (refusal) return refuse(refusal, 'desk');
  }

  if (after.status !== before.status) {
    if (after.status === null || !STATUSES.includes(after.status)) return refuse('A story always has a status.', 'status');
    if (before.status !== null) {
      const role = workflowRoleOn(actor, before.desk);
      const verdict = checkTransition(before.status, after.status, role);
      if (!verdict.allowed && !reachableInSteps(before.status, after.status, role)) return refuse(`Your move to ${STATUS_LABELS[after.status]} was refused by the newsroom: ${lowerFirst(verdict.reason)}`, 'status', 'publishedAt');
    }
  }

  if (after.publishedAt !== before.publishedAt && !isDeskEditor(actor, before.desk)) {
    return refuse('Only a desk editor sets when a story was published.', 'publishedAt');
  }

  if (after.trashedAt !== before.trashedAt) {
    const restoring = after.trashedAt === null;
    const status = before.status ?? 'draft';
    const early = status === 'draft' || status === 'in_edit';
    if (!isDeskEditor(actor, before.desk) && !early) {
      return refuse(
        `Only a desk editor can ${restoring ? 'take a story out of the trash' : 'move a story to the trash'} once it is ${STATUS_LABELS[status]}.`,
        'trashedAt',
      );
    }
  }
  return null;
}

/**
 * Whether `to` can be reached from `from` by moves this role may make one
 * by one. A laptop's moves made offline, or in quick succession before its
 * connection sent them, reach the server as one change (In edit → Ready →
 * Published arrives as In edit → Published): the server takes it when each
 * step was the person's to make. The ready checks of each step ran on the
 * laptop, as they do for every move.
 */
function reachableInSteps(from: Status, to: Status, role: NewsroomRole): boolean {
  const seen = new Set<Status>([from]);
  const queue: Status[] = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of STATUSES) {
      if (seen.has(next) || !checkTransition(current, next, role).allowed) continue;
      if (next === to) return true;
      seen.add(next);
      queue.push(next);
    }
  }
  return false;
}

function refusedNewStory(story: GuardedStory, actor: Actor): StoryRefusal | null {
  // A desk editor may bring in a story at any status (an import, a story filed by wire).
  if (story.status !== null && story.status !== 'draft' && !isDeskEditor(actor, story.desk)) {
    return { message: `A new story starts as a draft; only a desk editor can file one as ${STATUS_LABELS[story.status]}.`, fields: ['status'] };
  }
  if (story.publishedAt !== null && !isDeskEditor(actor, story.desk)) {
    return { message: 'Only a desk editor sets when a story was published.', fields: ['publishedAt'] };
  }
  return null;
}

/** Why moving a story from desk `from` to desk `to` is refused, or null. */
function refusedDeskMove(from: string | null, to: string | null, actor: Actor): string | null {
  if (actor.role === 'admin') return null;
  if (to === null) return 'Only an administrator can take a story off its desk.';
  // Anyone who writes an unclaimed story may give it one of their own desks.
  if (from === null) return actor.desks.includes(to) ? null : `You can only give a story one of your own desks, not ${to}.`;
  if (!isDeskEditor(actor, from)) return `Only a desk editor of ${from} can move this story to another desk.`;
  return null;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
