import { z } from 'zod';
import { presencePersonSchema, syncStatusSchema } from '../sync-status';
import { id, none } from './values';

/** The newsroom's sync server as the workstation sees it: sign-in, status, sign-out, what it refused or flagged. */

export const syncChannels = {
  'sync.status': { payload: none, result: syncStatusSchema },
  'sync.signIn': {
    payload: z
      .object({
        serverUrl: z.string().trim().min(1, 'enter the server address').max(500),
        token: z.string().trim().min(1, 'enter your access token').max(500),
      })
      .strict(),
    result: syncStatusSchema,
  },
  /** Whether the server at this address offers single sign-on (false for none there, or an older server). */
  'sync.ssoAvailable': {
    payload: z.object({ serverUrl: z.string().trim().min(1, 'enter the server address').max(500) }).strict(),
    result: z.object({ available: z.boolean() }),
  },
  /**
   * Starts single sign-on (ADR 0058): the provider's address for the browser.
   * Without `returnUrl` (Electron) core listens on 127.0.0.1 for the system
   * browser's return; the web shell gives its own loopback page.
   */
  'sync.ssoStart': {
    payload: z.object({ serverUrl: z.string().trim().min(1, 'enter the server address').max(500), returnUrl: z.string().max(500).optional() }).strict(),
    result: z.object({ authorizationUrl: z.string().url() }),
  },
  /** Completes it: with the code the web shell's tab brought back, or (no code) once the browser returns to core's listener. */
  'sync.ssoFinish': {
    payload: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/, 'not a sign-in code').optional() }).strict(),
    result: syncStatusSchema,
  },
  /**
   * Stops syncing and forgets the token. `removeNewsroomData`: also removes every
   * story and photo a server stored or sent here (never-synced ones stay);
   * refused (`unsynced_changes`) while some hold changes no server stored,
   * unless `confirmUnsyncedLoss`. ADR 0050.
   */
  'sync.signOut': {
    payload: z.object({ removeNewsroomData: z.boolean().optional(), confirmUnsyncedLoss: z.boolean().optional() }).strict(),
    result: syncStatusSchema,
  },
  /** What removing the newsroom's data on sign-out would take now. */
  'sync.removalPreview': {
    payload: none,
    result: z.object({
      stories: z.number().int().min(0),
      photos: z.number().int().min(0),
      keptStories: z.number().int().min(0),
      unsyncedChanges: z.number().int().min(0),
      unsyncedStories: z.number().int().min(0),
    }),
  },
  /** The person read sync's notice (e.g. the computer was reported lost). */
  'sync.dismissNotice': { payload: none, result: syncStatusSchema },
  'sync.setOptions': { payload: z.object({ catalogDays: z.number().int().min(1).max(3650) }).strict(), result: syncStatusSchema },
  /** The person read a change the server refused (`docId`), or all of them (null). */
  'sync.dismissRefusal': { payload: z.object({ docId: z.string().max(200).nullable() }).strict(), result: syncStatusSchema },
  /** Connect again now instead of waiting for the next attempt. */
  'sync.retry': { payload: none, result: syncStatusSchema },
  /** Stories the server no longer knows (reset or restored server): the person decides. */
  'sync.flagged': {
    payload: none,
    result: z.array(z.object({ id: z.string(), articleId: z.string().nullable(), headline: z.string(), localOnly: z.boolean() })),
  },
  'sync.resolveFlag': {
    payload: z.object({ docId: z.string().max(200), choice: z.enum(['upload', 'keep_local']) }).strict(),
    result: none,
  },
  /** Who else has the story open, on other computers. */
  'sync.presence': { payload: z.object({ id }).strict(), result: z.object({ people: z.array(presencePersonSchema) }) },
} as const;
