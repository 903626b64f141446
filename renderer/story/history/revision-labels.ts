import { REVISION_REASON_LABELS, type RevisionSummary } from '../../../shared/revisions/revision';
import { parseIsoInstant } from '../../../shared/time';

const time = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "Wed 15 Oct, 09:30" */
export function revisionTime(revision: Pick<RevisionSummary, 'createdAt'>): string {
  return time.format(new Date(revision.createdAt));
}

/** An ISO 8601 instant as core writes one into a detail ("… from the version of 2026-12-02T01:37:56+00:00"). */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A checkpoint's detail as a person reads it: the times in it in this
 * window's language and zone. Core keeps them as ISO instants (it words
 * nothing for a locale); details written by older versions of Lede, which
 * put the instant in as it was, read the same way.
 */
export function revisionDetail(detail: string): string {
  return detail.replace(ISO_INSTANT, (instant) => {
    const ms = parseIsoInstant(instant);
    return ms === null ? instant : time.format(new Date(ms));
  });
}

/** What happened, in words: the detail when there is one ("Status changed: Draft → In edit"), else the reason. */
export function revisionWhat(revision: RevisionSummary): string {
  const label = REVISION_REASON_LABELS[revision.reason];
  if (!revision.detail) return label;
  // Before ADR 0065 a restore's detail began with the reason itself ("Restored the headline from …").
  const detail = revisionDetail(revision.detail).replace(/^Restored /, '');
  return `${label}: ${detail}`;
}
