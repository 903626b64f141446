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
