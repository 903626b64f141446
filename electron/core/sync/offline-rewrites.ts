import type * as Y from 'yjs';
import type { DocKind } from '../../../shared/documents/doc-names';
import { offlineRewrites, settledRewriteIds, type OfflineAuthor } from '../../../shared/field-rewrites';
import type { LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import type { SyncSession } from './sync-session';
import type { SyncStore } from './sync-store';

/**
 * The laptop's half of ADR 0061: when an edit counts as made offline, in
 * whose name, and tidying the notes once the server has judged them. The
 * notes themselves are written by LiveDocs, in the edit's own transaction.
 */
export interface OfflineRewriteDeps {
  store: SyncStore;
  session(): SyncSession | null;
  /** The local profile's name (the account's, once signed in). */
  profileName(): string;
}

/** Who a note names: the account when signed in, the local profile otherwise. */
export function rewriteAuthorName(deps: Pick<OfflineRewriteDeps, 'store' | 'profileName'>): string {
  return deps.store.account()?.name || deps.profileName() || 'A colleague';
}

/**
 * The author of an edit made now, if it is made offline: the document is on
 * a sync server (one only this laptop has cannot be rewritten elsewhere) and
 * this laptop is not live with it — offline, signed out, or before the
 * document's first sync after an offline edit.
 */
export function offlineAuthorOf(deps: OfflineRewriteDeps, docId: string): OfflineAuthor | null {
  const state = deps.store.state(docId);
  if (!state?.serverId) return null;
  const session = deps.session();
  if (session?.isLiveFor(docId)) return null;
  return { by: rewriteAuthorName(deps), at: new Date().toISOString(), since: session?.storedVersion(docId) ?? state.storedVersion };
}

/**
 * After the server stored everything of a document this laptop sent: its
 * settled notes go (settledRewriteIds). `state` is the wire copy, read first
 * so a document without any is not loaded for nothing. True when that was a
 * change (which the caller then syncs).
 */
export function tidySettledRewrites(live: LiveDocs, log: Logger, docId: string, kind: DocKind, state: Y.Doc, by: string): boolean {
  if (settledRewriteIds(state, kind, by).length === 0) return false;
  let removed = 0;
  try {
    live.tidy(docId, (doc) => {
      for (const id of settledRewriteIds(doc, kind, by)) {
        offlineRewrites(doc).delete(id);
        removed++;
      }
    });
  } catch (error) {
    // Housekeeping only: the document still counts as synced, the notes wait for the next time.
    log.warn('sync: could not tidy settled offline-rewrite notes', { docId, error });
    return false;
  }
  return removed > 0;
}
