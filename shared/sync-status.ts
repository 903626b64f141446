import { z } from 'zod';
import { ACCOUNT_ROLES } from './accounts/roles';

/**
 * What a window shows about sync:
 * - `signed_out`: no account on this computer;
 * - `connecting`: signed in, not reached the server yet;
 * - `offline`: the server cannot be reached; changes wait on this computer;
 * - `syncing`: connected, stories on their way;
 * - `synced`: the server has stored every change made here (never sooner);
 * - `error`: sync stopped or is stuck, with the reason (e.g. token refused).
 */
export const SYNC_STATES = ['signed_out', 'connecting', 'offline', 'syncing', 'synced', 'error'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** A change of this computer's that the server refused by the newsroom's rules, undone here (ADR 0060). */
export const refusedChangeSchema = z.object({
  docId: z.string(),
  articleId: z.string().nullable(),
  headline: z.string(),
  message: z.string(),
  /** When it was refused (ISO 8601 with offset). */
  at: z.string(),
});
export type RefusedChange = z.infer<typeof refusedChangeSchema>;

export const syncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  /**
   * Stories with changes made on this computer that the server has not
   * stored: distinct documents, never the edits in them (one sentence is
   * dozens of Yjs updates; a count of those means nothing to a person).
   */
  waitingStories: z.number().int().min(0),
  /** Photos whose caption, credit… changed here and are not on the server yet (distinct photos). */
  waitingPhotos: z.number().int().min(0),
  /** Stories being synced right now or queued on this connection. */
  syncingStories: z.number().int().min(0),
  /** Photos being synced right now or queued on this connection (counted apart from stories). */
  syncingPhotos: z.number().int().min(0),
  /** Stories the server no longer knows; the person decides what happens to them. */
  flagged: z.number().int().min(0),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  account: z.object({ name: z.string(), role: z.enum(ACCOUNT_ROLES), desks: z.array(z.string()), serverUrl: z.string() }).nullable(),
  /** The last server signed in to, to fill in the sign-in form. */
  lastServerUrl: z.string().nullable(),
  /** Stories changed on the server in this many days come to this computer. */
  catalogDays: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  /** Changes the server refused, newest first, until the person dismisses them. */
  refusals: z.array(refusedChangeSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A story's sync badge in the library. */
export const SYNC_BADGES = ['synced', 'waiting', 'flagged', 'local_only'] as const;
export type SyncBadge = (typeof SYNC_BADGES)[number];

export const presencePersonSchema = z.object({ name: z.string(), color: z.string() });
export type PresencePerson = z.infer<typeof presencePersonSchema>;

/** "1 story", "3 stories", "1,200 photos". */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * "3 stories and 2 photos", "1 story", "4 photos"; '' for none. Stories and
 * photos are counted apart: a photo desk's import is not "113 stories".
 */
export function storiesAndPhotos(stories: number, photos: number): string {
  const parts = [stories > 0 ? count(stories, 'story', 'stories') : '', photos > 0 ? count(photos, 'photo', 'photos') : ''].filter(Boolean);
  return parts.join(' and ');
}

/** What waits on this computer for the server, in words ('' when nothing does). */
function waitingWords(status: SyncStatus): string {
  return storiesAndPhotos(status.waitingStories, status.waitingPhotos);
}

/** What a header shows: short. An error's whole reason is in the sync dialog. */
export function syncHeadline(status: SyncStatus): string {
  if (status.state === 'signed_out') return 'Sign in to sync';
  if (status.state !== 'error') return describeSyncStatus(status);
  switch (status.error?.code) {
    case 'unauthorized':
      return 'Sync stopped — sign in again';
    case 'forbidden': {
      const waiting = waitingWords(status);
      return waiting ? `Read-only account — ${waiting} stay here` : 'Read-only account';
    }
    case 'unreachable':
      return 'Sync error — server not answering';
    case 'flagged':
      return `${status.flagged.toLocaleString('en')} ${status.flagged === 1 ? 'story needs' : 'stories need'} a decision`;
    case 'too_large':
      return 'Sync error — a story is too large';
    default:
      return 'Sync error';
  }
}

/**
 * "Offline — 3 stories and 2 photos waiting to sync", "Syncing 4 stories and
 * 109 photos…", "Synced", "Sync error: …". Every number is of documents (stories,
 * photos) with changes the server has not stored, never of edits.
 */
export function describeSyncStatus(status: SyncStatus): string {
  const waiting = waitingWords(status);
  switch (status.state) {
    case 'signed_out':
      return 'Not signed in to sync';
    case 'connecting':
      return waiting ? `Connecting — ${waiting} waiting to sync` : 'Connecting…';
    case 'offline':
      return waiting ? `Offline — ${waiting} waiting to sync` : 'Offline';
    case 'syncing': {
      const syncing = storiesAndPhotos(status.syncingStories, status.syncingPhotos);
      if (syncing) return `Syncing ${syncing}…`;
      return waiting ? `Syncing — ${waiting} waiting` : 'Syncing…';
    }
    case 'synced':
      return 'Synced';
    case 'error':
      return `Sync error: ${status.error?.message ?? 'unknown problem'}`;
  }
}
