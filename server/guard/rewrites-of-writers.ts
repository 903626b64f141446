import type * as Y from 'yjs';
import type { DocKind } from '../../shared/documents/doc-names';
import type { ServerLog } from '../log';
import { resolveConcurrentRewrites } from './concurrent-rewrites';

/**
 * Wires ADR 0061 into a loaded document: after each transaction that
 * applied a writer's update received on this process (its origin is the
 * Hocuspocus connection it came on), concurrent offline rewrites of short
 * fields are resolved. Not after an update relayed from another server
 * process through Redis (origin: the Redis extension's string), nor after
 * loading (no origin) or the server's own resolving write (a symbol): the
 * process that received an update from its writer is the one that judges
 * it, once, so exactly one party writes each resolution.
 *
 * The resolving write is the server's own transaction: it goes to every
 * connection and through Redis like any change and is stored with the
 * writer's update, but it never passes the newsroom's edit guard (that
 * judges messages from clients, and the resolution touches no workflow
 * key) and the audit trail puts it down to nobody (senderOf finds no account).
 */
export function resolveRewritesOfWriters(document: Y.Doc, documentName: string, kind: DocKind, log: ServerLog): void {
  document.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!fromWriterConnection(transaction.origin)) return;
    try {
      const resolved = resolveConcurrentRewrites(document, kind, transaction);
      if (resolved > 0) log.info('kept one of concurrent offline rewrites; the other is offered as a rival version', { documentName, fields: resolved });
    } catch (error) {
      // The update itself is applied already; a failure here must not take Hocuspocus' message handling down with it.
      log.error('could not resolve concurrent offline rewrites', { documentName, error });
    }
  });
}

/** A Hocuspocus connection of a signed-in account that may write (readers' updates are never applied). */
function fromWriterConnection(origin: unknown): boolean {
  const connection = origin as { context?: { account?: unknown }; readOnly?: unknown } | null;
  return typeof connection === 'object' && connection !== null && connection.context?.account !== undefined && connection.readOnly !== true;
}
