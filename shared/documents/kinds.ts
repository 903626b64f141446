import { articleKind } from './article-kind';
import { parseDocName, type DocKind } from './doc-names';
import type { DocumentKind } from './document-kind';
import { mediaKind } from './media-kind';

/** Every kind of document, by kind: a new kind is one module and one line here. */
export const DOCUMENT_KINDS: Readonly<Record<DocKind, DocumentKind>> = { article: articleKind, media: mediaKind };

/** The rules for a document by its name, or null for a name that is no document's. */
export function documentKindOf(docName: string): DocumentKind | null {
  const parsed = parseDocName(docName);
  return parsed ? DOCUMENT_KINDS[parsed.kind] : null;
}

export { articleKind, mediaKind };
export type { DocumentKind };
