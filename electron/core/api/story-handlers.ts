import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import { LedeError } from '../../../shared/errors';
import { STATUS_LABELS } from '../../../shared/model';
import { queryLibrary } from '../articles/library-query';
import { requireProfile } from '../settings/profile';
import { currentConfig } from '../settings/user-config';
import type { ApiContext, FeatureHandlers } from './handler-types';

type StoryChannel =
  | 'library.list'
  | 'article.create'
  | 'article.open'
  | 'article.close'
  | 'article.update'
  | 'article.check'
  | 'article.setStatus'
  | 'article.trash'
  | 'article.restore'
  | 'article.setDesk'
  | 'article.purge';

/** Stories: the library list, and a story's life from creation through editing and status moves to the trash. */
export function storyHandlers(ctx: ApiContext): FeatureHandlers<StoryChannel> {
  const { articles, revisions, sessions, settings, policy } = ctx;
  const config = () => currentConfig(settings, policy);
  return {
    'library.list': (payload) => queryLibrary(ctx.db, payload),
    'article.create': (payload) => {
      requireProfile(settings);
      return { id: articles.create(payload, config()) };
    },
    'article.open': (payload, session) => {
      const { state, updatedAt } = articles.openState(payload.id);
      sessions.open(session, payload.id);
      return { id: payload.id, state: bytesToBase64(state), updatedAt };
    },
    'article.close': (payload, session) => {
      sessions.close(session, payload.id);
      return {};
    },
    'article.update': (payload, session) => {
      if (!sessions.isOpenIn(session, payload.id)) {
        throw new LedeError('invalid_payload', 'Open the story before sending changes to it.');
      }
      articles.applyUpdate(payload.id, base64ToBytes(payload.update), session.id);
      return {};
    },
    'article.check': (payload) => articles.check(payload.id, payload.to, config()),
    'article.setStatus': (payload) => {
      const actor = requireProfile(settings);
      const moved = articles.setStatus(payload.id, payload.to, actor, { config: config(), acknowledge: payload.acknowledge });
      revisions.checkpoint(payload.id, 'status', `${STATUS_LABELS[moved.from]} → ${STATUS_LABELS[moved.status]}`, actor.name);
      return { status: moved.status, editedBy: moved.editedBy };
    },
    'article.trash': (payload) => {
      articles.trash(payload.id);
      return {};
    },
    'article.restore': (payload) => {
      articles.restore(payload.id);
      return {};
    },
    'article.setDesk': (payload) => {
      articles.setDesk(payload.id, payload.desk);
      return {};
    },
    'article.purge': (payload) => {
      articles.purge(payload.id);
      return {};
    },
  };
}
