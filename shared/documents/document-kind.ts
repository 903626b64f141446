import type * as Y from 'yjs';
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
  /** The words of the server's catalog row, and what its audit trail compares before and after a store. */
  catalogSummary(doc: Y.Doc): CatalogSummary;
  compaction: CompactionPolicy;
}
