import type { ResultOf } from '../../../shared/contract';
import { STATUS_LABELS, type Status } from '../../../shared/model';
import type { RevisionSummary } from '../../../shared/revisions/revision';

export type AuditTrailEntry = Extract<ResultOf<'article.auditTrail'>, { available: true }>['entries'][number];

/** With the zone: the server's clock and this computer's may be in different places, and an audit time must say which. */
const auditTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });

export function auditTimeLabel(at: string): string {
  return auditTime.format(new Date(at));
}

function statusLabel(value: string | null): string {
  return value && value in STATUS_LABELS ? STATUS_LABELS[value as Status] : (value ?? '—');
}

/** What an entry did, in words: "edited", "moved Draft → In edit", "deleted for good". */
export function auditWhat(entry: Pick<AuditTrailEntry, 'kind' | 'from' | 'to'>): string {
  switch (entry.kind) {
    case 'edit':
      return 'edited';
    case 'status':
      return `moved ${statusLabel(entry.from)} → ${statusLabel(entry.to)}`;
    case 'publish':
      return 'published';
    case 'trash':
      return 'moved to the trash';
    case 'restore':
      return entry.from === 'purge' ? 'restored after it was deleted for good' : 'took out of the trash';
    case 'purge':
      return 'deleted for good';
    case 'desk':
      return `moved from ${entry.from ?? 'no desk'} to ${entry.to ?? 'no desk'}`;
    case 'transmit':
      return `${entry.to ?? 'sent'} to ${entry.from ?? 'an output'}`;
  }
}

/** One person's part in a stretch of history: everything they did, once each, and when they last did something. */
export interface PersonChanges {
  account: string;
  what: string[];
  lastAt: string;
}

/**
 * How long after a version the server may store the change that made it:
 * a version is taken here as the change is made, the server stores it a
 * moment later (longer on a slow line). Changes stored within this after a
 * version count towards it.
 */
const STORED_AFTER_MS = 60_000;

/**
 * The trail cut at the versions: for each version (newest first, as the
 * panel lists them) who changed the story after the version before it and
 * up to this one; `'current'` holds what came after the newest version.
 * Times are the server's; a version's, this computer's — close enough for
 * naming the people, which is all this says.
 */
export function changesByVersion(entries: readonly AuditTrailEntry[], revisions: readonly RevisionSummary[]): Map<number | 'current', PersonChanges[]> {
  const groups = new Map<number | 'current', AuditTrailEntry[]>();
  const bounds = revisions.map((revision) => ({ id: revision.id, at: Date.parse(revision.createdAt) + STORED_AFTER_MS }));
  for (const entry of entries) {
    const at = Date.parse(entry.at);
    // The oldest version not before the entry (walking from the oldest).
    let key: number | 'current' = 'current';
    for (let index = bounds.length - 1; index >= 0; index--) {
      if (bounds[index]!.at >= at) {
        key = bounds[index]!.id;
        break;
      }
    }
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const byPerson = new Map<number | 'current', PersonChanges[]>();
  for (const [key, group] of groups) {
    const people = new Map<string, PersonChanges>();
    for (const entry of group) {
      const person = people.get(entry.account) ?? { account: entry.account, what: [], lastAt: entry.at };
      const what = auditWhat(entry);
      if (!person.what.includes(what)) person.what.push(what);
      if (entry.at > person.lastAt) person.lastAt = entry.at;
      people.set(entry.account, person);
    }
    byPerson.set(key, [...people.values()]);
  }
  return byPerson;
}
