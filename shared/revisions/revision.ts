import type { Status } from '../model';

/** Why a checkpoint was taken. */
export const REVISION_REASONS = ['status', 'editing', 'restored', 'imported'] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

export const REVISION_REASON_LABELS: Record<RevisionReason, string> = {
  status: 'Status changed',
  editing: 'Edited',
  restored: 'Restored',
  imported: 'Imported',
};

/** One entry of a story's history. */
export interface RevisionSummary {
  id: number;
  /** ISO 8601 with offset. */
  createdAt: string;
  author: string;
  reason: RevisionReason;
  detail: string;
  status: Status;
}

/**
 * Parts of a story a restore can bring back, one by one or all together.
 * Status, dates and "Edited by" are not among them: the workflow owns those.
 */
export const RESTORABLE_PARTS = ['body', 'headline', 'kicker', 'teaser', 'bylines', 'sources', 'tags', 'section', 'slug', 'dateline', 'language'] as const;
export type RestorablePart = (typeof RESTORABLE_PARTS)[number];

/**
 * The status a story has after an older version is restored into it. A
 * story at Ready passed its checks as it stood; the restored text has not,
 * so it goes back to In edit, where the checks run again on the way to
 * Ready (ADR 0065). Any other status stays: Draft and In edit are where
 * text changes anyway, and Published or Spiked stories cannot be restored
 * into at all. The confirmation says this before anything happens.
 */
export function statusAfterRestore(status: Status): Status {
  return status === 'ready' ? 'in_edit' : status;
}
