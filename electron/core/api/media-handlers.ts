import type { Channel } from '../../../shared/contract';
import type { ApiContext, FeatureHandlers } from './handler-types';
import { LedeError } from '../../../shared/errors';
import { photoAccess } from '../../../shared/workflow/photo-rules';

/** The photo desk: the media library (list, metadata, import, export) and the desk's templates and codes. */
export function mediaHandlers(ctx: ApiContext): FeatureHandlers<Extract<Channel, `media.${string}` | `photoDesk.${string}`>> {
  const { media, sessions } = ctx;
  return {
    'media.list': (payload) => media.index.query(payload),
    'media.ids': (payload) => ({ ids: media.index.ids(payload), rejectedHidden: media.index.rejectedHidden(payload) }),
    'media.get': (payload) => ({ items: media.library.get(payload.sha256s) }),
    'media.update': (payload, session) => {
      refuseReadOnlyAccount(ctx);
      return { changed: media.library.update(payload.changes, session.id) };
    },
    'media.cull': (payload, session) => {
      refuseReadOnlyAccount(ctx);
      return { changed: media.library.cull(payload.sha256s, payload.set, session.id) };
    },
    'media.applyTemplate': (payload, session) => {
      refuseReadOnlyAccount(ctx);
      return media.templates.apply(payload.changes, payload.mode, session.id);
    },
    'media.undoTemplate': (payload, session) => {
      refuseReadOnlyAccount(ctx);
      return media.templates.undo(payload.applicationId, session.id);
    },
    'media.rivals': (payload) => ({ rivals: media.library.rivals(payload.sha256) }),
    'media.settleRival': (payload, session) => {
      refuseReadOnlyAccount(ctx);
      return { settled: media.library.settleRival(payload.sha256, payload.id, payload.write, session.id) };
    },
    'media.importBegin': (payload) => ({ importId: media.importer.begin(payload.total) }),
    'media.importCancel': (payload) => ({ cancelled: media.importer.cancel(payload.importId) }),
    'media.importUnsent': (payload) => ({ recorded: media.importer.recordUnsent(payload.importId, payload.name, payload.reason) }),
    'media.export': (payload, session) => media.exporter.export(payload.sha256s, payload.folder, (progress) => session.emit('media.exportProgress', progress)),
    'photoDesk.get': () => media.photoDesk.get(),
    'photoDesk.set': (payload) => {
      const next = media.photoDesk.set(payload);
      sessions.toAll('photoDesk.changed', next);
      return next;
    },
  };
}

/** What the server would refuse to sync is refused here, in words (a reporter's account changes no photo). */
function refuseReadOnlyAccount(ctx: ApiContext): void {
  const account = ctx.sync.actingAccount();
  if (account && photoAccess(account, true) !== 'write') {
    throw new LedeError('read_only', 'Only photo editors and desk editors change a photo’s details; your newsroom account can use photos but not edit them.');
  }
}
