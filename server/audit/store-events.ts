import type { CatalogSummary } from '../../shared/documents/document-kind';
import type { AuditAccount, AuditEvent } from './audit-log';

/**
 * The audit events of one store of a document: an `edit` per account whose
 * updates went into it, and the workflow moves the store made, read by
 * comparing the stored document's summary before and after the merge.
 *
 * A store can hold several accounts' updates (they arrive within one
 * debounce); a workflow move is then put down to the account that sent the
 * last of them. The server-side edit guard, which inspects each update on
 * its own, will know the exact account; until it lands this is the
 * nearest the server can tell.
 */
export function storeEvents(
  document: string,
  writers: readonly AuditAccount[],
  before: CatalogSummary | null,
  after: CatalogSummary,
  atMs: number,
): AuditEvent[] {
  const accounts = new Map(writers.map((account) => [account.id, account]));
  if (accounts.size === 0) return [];
  const events: AuditEvent[] = [...accounts.values()].map((account) => ({ document, account, atMs, kind: 'edit' }));
  const mover = writers[writers.length - 1]!;
  const move = (kind: AuditEvent['kind'], from: string | null, to: string | null) => events.push({ document, account: mover, atMs, kind, from, to });
  // A new story (before === null) is seeded as a draft outside the trash on no desk: moves are measured from there.
  const was: CatalogSummary = before ?? { headline: '', status: 'draft', desk: null, trashedAt: null };
  if (was.status !== after.status && after.status !== '') move(after.status === 'published' ? 'publish' : 'status', was.status, after.status);
  if (was.trashedAt === null && after.trashedAt !== null) move('trash', null, after.trashedAt);
  if (was.trashedAt !== null && after.trashedAt === null) move('restore', 'trash', null);
  if (was.desk !== after.desk && before !== null) move('desk', was.desk, after.desk);
  return events;
}
