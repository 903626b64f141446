import type * as Y from 'yjs';
import { articleParts, bodyPlainText, readArticleFields } from '../../../shared/article-doc';
import type { ArticleFields } from '../../../shared/model';
import { countWords } from '../../../shared/text-stats';

/** What the library row and the search index hold for one story. */
export interface DerivedArticle {
  fields: ArticleFields;
  wordCount: number;
  search: { headline: string; kicker: string; teaser: string; body: string; people: string; tags: string };
}

/** Reads a story's document into its library row and search text. Pure. */
export function deriveArticle(doc: Y.Doc): DerivedArticle {
  const fields = readArticleFields(doc);
  const body = bodyPlainText(articleParts(doc).body);
  const people = [...fields.bylines.map((b) => [b.name, b.organisation ?? ''].join(' ')), ...fields.editedBy.map((e) => e.name)]
    .join(' ')
    .trim();
  return {
    fields,
    wordCount: countWords(body),
    search: {
      headline: fields.headline,
      kicker: fields.kicker,
      teaser: fields.teaser,
      body,
      people,
      tags: [...fields.tags, ...fields.sources, fields.section, fields.slug, fields.dateline].join(' '),
    },
  };
}
