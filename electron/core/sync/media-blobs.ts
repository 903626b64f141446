import { docKindOf } from '../../../shared/documents/doc-names';
import { mediaShaOf } from '../../../shared/documents/media-kind';
import type * as Y from 'yjs';
import { mediaReferences } from '../../../shared/media-refs';

/**
 * The media files (by sha256) that sync uploads and downloads. Core passes
 * one in; sync never touches the media folder itself.
 */
export interface MediaBlobs {
  /** Whether this computer has the file. */
  has(sha256: string): boolean;
  read(sha256: string): Promise<Uint8Array>;
  /** Keeps a downloaded file (already verified against its hash). */
  write(sha256: string, bytes: Uint8Array): Promise<void>;
  /** Deletes this computer's files of a photo (original and renditions); its document is removed by the caller. */
  remove(sha256: string): Promise<void>;
  /** The files a document needs on the server before it counts as synced; `doc` is its current state. */
  referencedBy(docName: string, doc: Y.Doc): string[];
}

/** Figures' media in a story; a media document needs its own file. */
export function documentMediaReferences(docName: string, doc: Y.Doc): string[] {
  const kind = docKindOf(docName);
  if (kind === 'media') return [mediaShaOf(docName)!];
  return kind === 'article' ? mediaReferences(doc) : [];
}
