import type { Channel } from '../../../shared/contract';
import { LedeError } from '../../../shared/errors';
import { currentConfig } from '../settings/user-config';
import { normalizeServerUrl } from '../sync/server-address';
import type { ApiContext, FeatureHandlers } from './handler-types';

/** Sync with the newsroom's server: the account, the status every window shows, flagged stories, presence. */
export function syncHandlers(ctx: ApiContext): FeatureHandlers<Extract<Channel, `sync.${string}`>> {
  const { sync, settings, policy } = ctx;
  /** The policy may lock the server: signing in elsewhere, by token or single sign-on, is refused. */
  const checkLockedServer = (serverUrl: string) => {
    const { syncServerUrl, locked } = currentConfig(settings, policy);
    if (syncServerUrl && locked.includes('syncServerUrl') && normalizeServerUrl(serverUrl) !== normalizeServerUrl(syncServerUrl)) {
      throw new LedeError('locked_by_policy', `Your newsroom’s policy sets the sync server: ${syncServerUrl}. Sign in there, or ask newsroom IT.`);
    }
  };
  return {
    'sync.status': () => sync.status(),
    'sync.signIn': (payload) => {
      checkLockedServer(payload.serverUrl);
      return sync.signIn(payload.serverUrl, payload.token);
    },
    'sync.ssoAvailable': async (payload) => ({ available: await sync.sso.available(payload.serverUrl) }),
    'sync.ssoStart': (payload) => {
      checkLockedServer(payload.serverUrl);
      return sync.sso.start(payload.serverUrl, payload.returnUrl);
    },
    'sync.ssoFinish': (payload) => sync.sso.finish(payload.code),
    'sync.signOut': (payload) => sync.signOut(payload),
    'sync.removalPreview': () => sync.removalPreview(),
    'sync.dismissNotice': () => sync.dismissNotice(),
    'sync.dismissRefusal': ({ docId }) => sync.dismissRefusal(docId),
    'sync.setOptions': (payload) => sync.setOptions(payload),
    'sync.retry': () => sync.retry(),
    'sync.flagged': () => sync.flagged(),
    'sync.resolveFlag': (payload) => {
      sync.resolveFlag(payload.docId, payload.choice);
      return {};
    },
    'sync.presence': (payload) => ({ people: sync.presence(payload.id) }),
  };
}
