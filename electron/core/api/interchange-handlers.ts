import { base64ToBytes } from '../../../shared/base64';
import { readStory } from '../../../shared/article-body';
import { importFile } from '../interchange/file-import';
import { draftSeed, draftWords } from '../interchange/imported-draft';
import { LedeError } from '../../../shared/errors';
import { storySizeRefusal } from '../../../shared/story-size';
import { exportStory } from '../interchange/story-export';
import { requireProfile } from '../settings/profile';
import { currentConfig } from '../settings/user-config';
import type { ApiContext, FeatureHandlers } from './handler-types';

/** Stories in and out as files: export to ninjs, HTML or Markdown; import of Word, HTML, Markdown or text as a new draft. */
export function interchangeHandlers(ctx: ApiContext): FeatureHandlers<'article.export' | 'article.importFile'> {
  const { articles, revisions, settings, policy } = ctx;
  return {
    'article.export': (payload) =>
      exportStory(readStory(articles.doc(payload.id)), payload.format, {
        id: payload.id,
        updatedAt: articles.updatedAt(payload.id),
        catalog: ctx.interchange.catalog,
        mediaHrefBase: ctx.interchange.hrefBase,
      }),
    'article.importFile': async (payload) => {
      const actor = requireProfile(settings);
      // The whole file is converted first; only then is the draft created, in one transaction.
      const config = currentConfig(settings, policy);
      const draft = await importFile(payload.name, base64ToBytes(payload.bytes), ctx.interchange.catalog, { sections: config.sections });
      const refusal = storySizeRefusal(`“${payload.name}”`, 0, draftWords(draft), config.storyWordLimit);
      if (refusal) throw new LedeError('too_large', refusal);
      const id = articles.createSeeded(draftSeed(draft), config);
      revisions.checkpoint(id, 'imported', `Imported from ${payload.name}`, actor.name);
      return { id, format: draft.format, notes: draft.notes };
    },
  };
}
