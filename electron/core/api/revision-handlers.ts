import { articleDocName } from '../../../shared/documents/article-kind';
import { requireProfile } from '../settings/profile';
import type { ApiContext, FeatureHandlers } from './handler-types';

/** A story's history: its checkpoints, the difference between two, and restoring parts of one. */
export function revisionHandlers(ctx: ApiContext): FeatureHandlers<'article.revisions' | 'article.auditTrail' | 'article.revisionDiff' | 'article.restoreRevision'> {
  const { articles, revisions, settings, sync, history } = ctx;
  return {
    // articles.doc() first: an unknown story is not_found, not an empty history.
    'article.revisions': async (payload) => {
      articles.doc(payload.id);
      const newsroom = await history.read(articleDocName(payload.id));
      return { items: revisions.list(payload.id), newsroom };
    },
    'article.auditTrail': (payload) => {
      articles.doc(payload.id);
      return sync.auditTrail(payload.id);
    },
    'article.revisionDiff': (payload) => {
      articles.doc(payload.id);
      return revisions.diff(payload.id, payload.from, payload.to);
    },
    'article.restoreRevision': (payload) => {
      articles.doc(payload.id);
      return revisions.restore(payload.id, payload.revisionId, payload.parts, requireProfile(settings).name);
    },
  };
}
