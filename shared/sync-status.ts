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
  /** Changes made on this computer that the server has not stored. */
  waitingChanges: z.number().int().min(0),
  /** Stories holding such changes. */
  waitingStories: z.number().int().min(0),
  /** Stories being synced right now. */
  syncing: z.number().int().min(0),
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

/** What a header shows: short. An error's whole reason is in the sync dialog. */
export function syncHeadline(status: SyncStatus): string {
  if (status.state === 'signed_out') return 'Sign in to sync';
  if (status.state !== 'error') return describeSyncStatus(status);
  switch (status.error?.code) {
    case 'unauthorized':
      return 'Sync stopped — sign in again';
    case 'forbidden':
      return `Read-only account — ${status.waitingChanges.toLocaleString('en')} changes stay here`;
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

/** "Offline — 37 changes waiting", "Syncing 3 stories…", "Synced", "Sync error: …". */
export function describeSyncStatus(status: SyncStatus): string {
  const changes = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'change' : 'changes'}`;
  switch (status.state) {
    case 'signed_out':
      return 'Not signed in to sync';
    case 'connecting':
      return status.waitingChanges > 0 ? `Connecting — ${changes(status.waitingChanges)} waiting` : 'Connecting…';
    case 'offline':
      return status.waitingChanges > 0 ? `Offline — ${changes(status.waitingChanges)} waiting` : 'Offline';
    case 'syncing':
      return status.syncing > 0
        ? `Syncing ${status.syncing.toLocaleString('en')} ${status.syncing === 1 ? 'story' : 'stories'}…`
        : `Syncing — ${changes(status.waitingChanges)} waiting`;
    case 'synced':
      return 'Synced';
    case 'error':
      return `Sync error: ${status.error?.message ?? 'unknown problem'}`;
  }
}
