import { writeBodyJson, type BodyJson } from '../../../shared/article-body';
import type { ArticleSeed } from '../../../shared/article-doc';
import type { ImportFormat } from '../../../shared/interchange';

/** A converted file, ready to become a new draft in one transaction. */
export interface ImportedDraft {
  /** The story's fields (language may be missing: the newsroom default is used then). */
  seed: Omit<ArticleSeed, 'createdAt' | 'language' | 'writeBody'> & { language?: string };
  body: BodyJson;
  /** What a person should know about the import: pictures not stored, content removed… */
  notes: string[];
  /** The format the file was read as. */
  format: ImportFormat;
}

/** What ArticleService.createSeeded writes into the new story: the draft's fields, and its body into the Yjs document. */
export function draftSeed(draft: ImportedDraft): Omit<ArticleSeed, 'createdAt' | 'language'> & { language?: string } {
  return { ...draft.seed, writeBody: (body) => writeBodyJson(body, draft.body) };
}
