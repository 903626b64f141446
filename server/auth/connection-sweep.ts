import type { Connection, Document } from '@hocuspocus/server';
import { articleParts, readDesk } from '../../shared/article-doc';
import { docKindOf } from '../../shared/documents/doc-names';
import { photoAccess } from '../../shared/workflow/photo-rules';
import { storyAccess } from '../../shared/workflow/story-rules';
import type { ServerLog } from '../log';
import type { AccountNow, ServerStore } from '../storage/server-store';
import type { Account, Authenticator } from './authenticator';
import { NO_ACCESS_CLOSE, REVOKED_CLOSE } from '../close-codes';

/**
 * Holds open connections to their accounts as they are now: cuts off
 * those whose account was revoked while they were open and quiet (a busy
 * one is cut at its next message already), and gives the others their
 * account's current role and desks — a story on a desk they left is let
 * go, what became read-only is, and the rules judge their next change by
 * the role they have now, not the one they signed in with.
 */
export async function sweepOpenConnections(
  documents: Iterable<Document>,
  store: Pick<ServerStore, 'activeAccounts'>,
  auth: Pick<Authenticator, 'markRevoked'>,
  log: ServerLog,
): Promise<void> {
  const open: Array<{ connection: Connection; account: Account }> = [];
  for (const document of documents) {
    for (const connection of document.getConnections()) {
      const account = (connection.context as { account?: Account }).account;
      if (account) open.push({ connection, account });
    }
  }
  if (open.length === 0) return;
  let now: Map<string, AccountNow>;
  try {
    now = await store.activeAccounts([...new Set(open.map((entry) => entry.account.id))]);
  } catch (error) {
    log.warn('revocation sweep skipped: database unavailable', { error });
    return;
  }
  const revoked = new Set(open.map((entry) => entry.account.id).filter((id) => !now.has(id)));
  if (revoked.size > 0) auth.markRevoked(revoked);
  // A socket's documents share its context's account object: it is brought up to date once, here,
  // and every connection holding a changed one is judged again below.
  const changed = new Set<Account>();
  for (const { account } of open) {
    const current = now.get(account.id);
    if (!current || changed.has(account)) continue;
    if (current.role === account.role && current.desks.join('\u0000') === account.desks.join('\u0000')) continue;
    account.role = current.role;
    account.desks = current.desks;
    changed.add(account);
  }
  for (const { connection, account } of open) {
    if (!now.has(account.id)) {
      log.info('cut off a connection: account revoked', { socketId: connection.socketId });
      connection.webSocket.close(REVOKED_CLOSE.code, REVOKED_CLOSE.reason);
      continue;
    }
    if (!changed.has(account)) continue;
    const document = connection.document;
    const kind = docKindOf(document.name);
    if (!kind) continue;
    const access = kind === 'article' ? storyAccess(account, readDesk(articleParts(document).meta)) : photoAccess(account, document.share.size > 0);
    if (access === 'none') {
      log.info('closed a connection: its account is no longer on the story’s desk', { documentName: document.name, account: account.name });
      connection.close(NO_ACCESS_CLOSE);
    } else connection.readOnly = access === 'read';
  }
}
