import type * as Y from 'yjs';
import type { Actor } from '../workflow/story-rules';
import type { DocKind } from './doc-names';

/** Inspects a finished transaction on a document and returns why it is refused, or null. */
export type EditGuard = (transaction: Y.Transaction, doc: Y.Doc) => string | null;

/**
 * When a document's updates are merged into one snapshot on this computer.
 * `afterUpdates`: updates a document may collect before it is compacted.
 * `onRelease`: compact whatever is pending when the document is let go of.
 */
export interface CompactionPolicy {
  afterUpdates: number;
  onRelease: boolean;
}

/** Why the server refused a writer's update, and what undoes it on their laptop. */
export interface UpdateRefusal {
  /** For the person who made the change, in words. */
  message: string;
  /**
   * The values of `watched.map` as the server holds them, for the keys the
   * refused change touched: the author's laptop writes them back (an
   * ordinary change, so the refused one and its undoing merge to nothing).
   */
  restore: Record<string, string | null>;
}

/**
 * What the sync server checks of a writer's update to this kind of
 * document, before any other client sees it.
 */
export interface ServerGuard {
  /** The root map and keys it guards: an update that touches none of them is an ordinary edit, let through unread. */
  watched: { map: string; keys: readonly string[] };
  /**
   * Why this person may not turn `before` into `after`, or null. The server
   * passes copies that hold only the watched map: read nothing else.
   */
  refused(before: Y.Doc, after: Y.Doc, actor: Actor): UpdateRefusal | null;
}

/** What the server reads out of a stored document (photos have none of it: empty strings and nulls). */
export interface CatalogSummary {
  headline: string;
  status: string;
  desk: string | null;
  /** When the story went to the trash; null while it is not there. */
  trashedAt: string | null;
}

/**
 * Everything the rest of Lede needs to know about one kind of document, in
 * one place: its name, what each writer may change, how the server
 * describes it in its catalog, and when its update log is compacted. Core,
 * the sync client and the server all read a kind through this interface;
 * each kind's row and search projection is typed in its own module.
 */
export interface DocumentKind {
  kind: DocKind;
  docName(id: string): string;
  /** The id in a name of this kind, or null. */
  idOf(docName: string): string | null;
  /**
   * What an editing session (a window, a tab) may not change with its own
   * updates; null when sessions never send this kind's updates themselves.
   */
  sessionEditGuard: EditGuard | null;
  /**
   * What an update from the sync server may not change on this computer;
   * null while the server runs the same rules as every client (updates a
   * guard refused locally never reach it).
   */
  remoteUpdateGuard: EditGuard | null;
  /**
   * Writes the document's last edit time into it, after a change made on
   * this computer (a session's edit or core's own), never after one from the
   * server (that carries its author's). Null for kinds that show no such time.
   */
  stampEdit: ((doc: Y.Doc, atMs: number) => void) | null;
  /** What the sync server checks of writers' updates; null: an account that may write this kind may change anything in it. */
  serverGuard: ServerGuard | null;
  /** The words of the server's catalog row, and what its audit trail compares before and after a store. */
  catalogSummary(doc: Y.Doc): CatalogSummary;
  compaction: CompactionPolicy;
}
