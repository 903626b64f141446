import { storiesAndPhotos, type SyncStatus } from '../../../shared/sync-status';
import type { ApiError } from '../../../shared/errors';
import { isoWithOffset } from '../../../shared/time';
import type { SyncSession } from './sync-session';
import type { SyncStore } from './sync-store';

/**
 * The one status every window shows, from what the library remembers (the
 * account, what waits) and the session of the moment. One state, in order
 * of what the person must know first: signed out, a fatal problem, offline,
 * a session problem, syncing, a reader's changes that stay here, a story
 * past the newsroom's size limit, flagged stories, synced.
 */
export function syncStatusNow(store: SyncStore, session: SyncSession | null, fatal: ApiError | null): SyncStatus {
  const account = store.account();
  const waiting = store.waiting();
  const syncing = session?.inFlight() ?? { stories: 0, photos: 0 };
  const waitingDocs = waiting.stories + waiting.photos;
  const base = {
    waitingStories: waiting.stories,
    waitingPhotos: waiting.photos,
    syncingStories: syncing.stories,
    syncingPhotos: syncing.photos,
    flagged: store.flaggedCount(),
    account: account ? { name: account.name, role: account.role, desks: account.desks, serverUrl: account.serverUrl } : null,
    lastServerUrl: store.lastServerUrl(),
    catalogDays: store.options().catalogDays,
    lastSyncedAt: session?.lastSyncedMs ? isoWithOffset(session.lastSyncedMs) : null,
    refusals: store.refusals(),
  };
  if (!account) return { ...base, state: 'signed_out', error: store.notice() };
  if (fatal) return { ...base, state: 'error', error: fatal };
  if (!session || !session.isConnected) {
    return { ...base, state: session?.hasConnected ? 'offline' : 'connecting', error: session?.problem ?? null };
  }
  if (session.problem) return { ...base, state: 'error', error: session.problem };
  if (!session.idle()) return { ...base, state: 'syncing', error: null };
  if (waitingDocs > 0 && account.role === 'reader') {
    return {
      ...base,
      state: 'error',
      error: {
        code: 'forbidden',
        message: `Your account can read stories but not change them on the server; the changes to ${storiesAndPhotos(waiting.stories, waiting.photos)} stay on this computer.`,
      },
    };
  }
  const tooLarge = session.tooLargeStories();
  if (tooLarge) {
    const stories = tooLarge.count === 1 ? 'A story is' : `${tooLarge.count} stories are`;
    const limit = `${(tooLarge.limitBytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
    return {
      ...base,
      state: 'error',
      error: { code: 'too_large', message: `${stories} larger than the newsroom's limit of ${limit}: the changes stay on this computer. Shorten it to sync it.` },
    };
  }
  if (waitingDocs === 0 && base.flagged > 0) {
    // Not "Synced": some stories are on no server at all until the person decides.
    const stories = base.flagged === 1 ? '1 story is' : `${base.flagged} stories are`;
    return { ...base, state: 'error', error: { code: 'flagged', message: `${stories} no longer on the server. Review them in the library.` } };
  }
  return { ...base, state: waitingDocs > 0 ? 'syncing' : 'synced', error: null };
}
