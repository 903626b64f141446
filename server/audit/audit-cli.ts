import os from 'node:os';
import { restorableSince } from '../limits';
import type { ServerStore } from '../storage/server-store';
import { table } from '../users-cli';
import type { AuditAccount, AuditLog, AuditPage } from './audit-log';

/**
 * Who the trail names for what the server's own command line did: the
 * operating-system account that ran it (the server has no newsroom
 * account for it; whoever can run it holds the database anyway).
 */
function commandLineAccount(): AuditAccount {
  const name = `cli:${os.userInfo().username}`;
  return { id: name, name };
}

/**
 * `restore DOC`: undoes a purge within the retention. The story comes back
 * with a new version and change number, so every laptop reads it in the
 * catalog again (server processes watch the catalog head and tell their
 * laptops within seconds).
 */
export async function restoreDocument(store: ServerStore, audit: AuditLog, document: string, retentionDays: number): Promise<string[]> {
  const now = Date.now();
  const outcome = await store.restoreDocument(document, now, restorableSince(now, retentionDays));
  switch (outcome.kind) {
    case 'unknown':
      throw new Error(`The server has no document called ${document}.`);
    case 'not_purged':
      throw new Error(`${document} is not purged: nothing to restore.`);
    case 'expired':
      throw new Error(
        outcome.purgedMs === null
          ? `${document} was purged longer ago than the retention; its content is gone and cannot be restored.`
          : `${document} was purged on ${new Date(outcome.purgedMs).toISOString()}, more than ${retentionDays} days ago: it can no longer be restored.`,
      );
    case 'restored': {
      const lines = [`Restored ${document}. Laptops bring it back into their library when they next read the catalog (within seconds when connected).`];
      try {
        await audit.record([{ document, account: commandLineAccount(), atMs: now, kind: 'restore', from: 'purge', to: null }]);
      } catch (error) {
        lines.push(`The audit trail could not record the restore: ${(error as Error).message}`);
      }
      return lines;
    }
  }
}

/** `audit --document DOC` / `audit --account NAME [--since ISO]`: the trail as a table, oldest first. */
export async function auditListing(audit: AuditLog, query: { limit: number } & ({ by: 'document'; document: string } | { by: 'account'; account: string; sinceMs: number })): Promise<string[]> {
  const page: AuditPage =
    query.by === 'document' ? await audit.forDocument(query.document, { limit: query.limit }) : await audit.forAccount(query.account, { limit: query.limit, sinceMs: query.sinceMs });
  if (page.entries.length === 0) return [query.by === 'document' ? `No recorded changes to ${query.document}.` : `No recorded changes by "${query.account}".`];
  const rows = page.entries.map((entry) => [
    entry.at.slice(0, 19).replace('T', ' '),
    entry.account,
    entry.kind,
    entry.from !== null || entry.to !== null ? `${entry.from ?? '—'} → ${entry.to ?? '—'}` : '',
    entry.document,
  ]);
  const lines = table(['TIME (UTC)', 'ACCOUNT', 'KIND', 'CHANGE', 'DOCUMENT'], rows);
  if (page.cursor !== null) lines.push(`… more: only the first ${query.limit} are shown (--limit N, at most 500).`);
  return lines;
}
