import { bodyNodeFromJson, writeBodyJson, type BodyJson } from '../../../shared/article-body';
import { countWords } from '../../../shared/text-stats';
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

/** Words in the draft's body, headline and teaser: what the story size limit counts (shared/story-size.ts). */
export function draftWords(draft: ImportedDraft): number {
  const body = bodyNodeFromJson(draft.body);
  return countWords([draft.seed.headline ?? '', draft.seed.teaser ?? '', body.textBetween(0, body.content.size, '\n', ' ')].join('\n'));
}
