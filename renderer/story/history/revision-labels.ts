import { REVISION_REASON_LABELS, type RevisionSummary } from '../../../shared/revisions/revision';

const time = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "Wed 15 Oct, 09:30" */
export function revisionTime(revision: Pick<RevisionSummary, 'createdAt'>): string {
  return time.format(new Date(revision.createdAt));
}

/** What happened, in words: the detail when there is one ("Draft → In edit"), else the reason. */
export function revisionWhat(revision: RevisionSummary): string {
  return revision.detail ? `${REVISION_REASON_LABELS[revision.reason]}: ${revision.detail}` : REVISION_REASON_LABELS[revision.reason];
}
