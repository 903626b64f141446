import type { NewsroomRole, Status } from './model';
import { STATUS_LABELS } from './model';

/**
 * The workflow: draft ↔ in edit → ready → published; spiked from any state;
 * published or spiked go back to draft. A ready story may go back to "in
 * edit" for more work — by its reporter who spotted a mistake as much as by
 * the desk. Publishing, spiking and taking a published or spiked story back
 * are the desk editor's: a reporter (or photo editor) moves a story as far as
 * Ready. The same rules run in core, in the renderer's menus and on the sync
 * server (shared/workflow/story-rules.ts).
 */
const FORWARD: Partial<Record<Status, Status[]>> = {
  draft: ['in_edit'],
  in_edit: ['ready'],
  ready: ['published'],
};

const BACKWARD: Partial<Record<Status, Status[]>> = {
  in_edit: ['draft'],
  ready: ['in_edit'],
};

const EDITOR_ONLY_BACK_TO_DRAFT: Status[] = ['published', 'spiked'];

/**
 * Published and spiked stories are read-only: nothing changes until an editor
 * moves them back to Draft (the status moves themselves still work).
 */
export function isReadOnlyStatus(status: Status): boolean {
  return EDITOR_ONLY_BACK_TO_DRAFT.includes(status);
}

export type TransitionVerdict = { allowed: true; forward: boolean } | { allowed: false; reason: string };

/** Is `from` → `to` a step along the workflow (used for "Edited by")? */
export function isForwardMove(from: Status, to: Status): boolean {
  return FORWARD[from]?.includes(to) ?? false;
}

export function checkTransition(from: Status, to: Status, actorRole: NewsroomRole): TransitionVerdict {
  const target = STATUS_LABELS[to];
  const current = STATUS_LABELS[from];
  if (from === to) return { allowed: false, reason: `The story is already ${current}.` };
  if (to === 'spiked') {
    return actorRole === 'editor' ? { allowed: true, forward: false } : { allowed: false, reason: `Only a desk editor can spike a story; this one stays ${current}.` };
  }
  if (EDITOR_ONLY_BACK_TO_DRAFT.includes(from)) {
    if (to !== 'draft') {
      return { allowed: false, reason: `A ${current.toLowerCase()} story can only go back to Draft.` };
    }
    if (actorRole !== 'editor') {
      return { allowed: false, reason: `Only a desk editor can move a ${current.toLowerCase()} story back to Draft.` };
    }
    return { allowed: true, forward: false };
  }
  if (FORWARD[from]?.includes(to)) {
    if (to === 'published' && actorRole !== 'editor') {
      return { allowed: false, reason: `Only a desk editor can publish a story; this one stays ${current}.` };
    }
    return { allowed: true, forward: true };
  }
  if (BACKWARD[from]?.includes(to)) return { allowed: true, forward: false };
  const next = FORWARD[from]?.map((s) => STATUS_LABELS[s]).join(' or ');
  return {
    allowed: false,
    reason: `A story cannot go from ${current} to ${target}.${next ? ` From ${current} it moves on to ${next}.` : ''}`,
  };
}

/** The statuses a person may pick next, for menus. */
export function allowedNextStatuses(from: Status, actorRole: NewsroomRole): Status[] {
  const all: Status[] = ['draft', 'in_edit', 'ready', 'published', 'spiked'];
  return all.filter((to) => checkTransition(from, to, actorRole).allowed);
}
