import type { ResultOf } from '../../../shared/contract';
import { canReadAuditTrail } from '../../../shared/accounts/roles';
import { articleDocName } from '../../../shared/documents/article-kind';
import { AUDIT_PAGE_MAX, type AuditEntry } from '../../../shared/sync-protocol';
import type { Logger } from '../log';
import { SyncApiError, SyncServerApi } from './server-api';
import type { SyncAccount } from './sync-store';

/** Pages of a story's audit trail read at most (2,500 entries): the panel shows a story's people, not a data dump. */
const AUDIT_PAGES = 5;

/**
 * Who changed a story, from the signed-in server's audit trail: every page up
 * to a bound (a story's trail is a few entries per editing session), oldest
 * first. Signed out, not allowed or unreachable: an answer saying why, never
 * an error — the history panel shows it as a quiet line.
 */
export async function readAuditTrail(account: SyncAccount | null, articleId: string, log: Logger): Promise<ResultOf<'article.auditTrail'>> {
  if (!account) return { available: false, reason: 'signed_out', message: 'Sign in to the newsroom server to see who changed this story.' };
  if (!canReadAuditTrail(account.role)) {
    return { available: false, reason: 'not_allowed', message: 'Who changed what is shown to desk editors and administrators.' };
  }
  const api = new SyncServerApi(account.serverUrl, account.token);
  const entries: AuditEntry[] = [];
  let cursor: number | null = 0;
  try {
    for (let page = 0; page < AUDIT_PAGES && cursor !== null; page++) {
      const answer = await api.auditOfDocument(articleDocName(articleId), cursor, AUDIT_PAGE_MAX);
      entries.push(...answer.entries);
      cursor = answer.cursor;
    }
  } catch (error) {
    if (error instanceof SyncApiError && error.failure === 'forbidden') {
      return { available: false, reason: 'not_allowed', message: 'The newsroom server does not show this account who changed what.' };
    }
    log.warn('sync: could not read the audit trail', { error: (error as Error).message });
    return { available: false, reason: 'unreachable', message: 'The newsroom server cannot be reached: who changed what shows when it is back.' };
  }
  return { available: true, capped: cursor !== null, entries: entries.map(({ account: name, at, kind, from, to }) => ({ account: name, at, kind, from, to })) };
}
