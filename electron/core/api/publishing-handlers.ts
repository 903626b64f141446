import type { ApiContext, FeatureHandlers } from './handler-types';

/** Publishing (ADR 0071): what the newsroom server transmitted, per story and for the library's marker. */
export function publishingHandlers(ctx: ApiContext): FeatureHandlers<'article.publishing' | 'articles.publishingFailed' | 'articles.publishingEmbargoed'> {
  const { articles, publishing } = ctx;
  return {
    // articles.doc() first: an unknown story is not_found, not "not on the server".
    'article.publishing': (payload) => {
      articles.doc(payload.id);
      return publishing.story(payload.id);
    },
    'articles.publishingFailed': async () => ({ ids: await publishing.failed() }),
    'articles.publishingEmbargoed': async () => ({ stories: await publishing.embargoed() }),
  };
}
