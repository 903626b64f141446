import { z } from 'zod';

/**
 * Publishing (ADR 0071): the newsroom server transmits each published
 * version of a story to its outputs. These are the words the server, the
 * laptop and the story screen share about one transmission.
 */

export const OUTPUT_TYPES = ['http', 'sftp', 'ftp', 'folder'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

/**
 * - waiting: stored, not yet tried (or being tried for the first time);
 * - retrying: tried, the receiver was down, slow or answered 5xx: tried again later;
 * - sent: the receiver took it (2xx, or the file renamed into place);
 * - refused: the receiver said no (4xx), or the story could not be sent at all — not tried again.
 */
export const TRANSMISSION_STATES = ['waiting', 'retrying', 'sent', 'refused'] as const;
export type TransmissionState = (typeof TRANSMISSION_STATES)[number];

export const transmissionSchema = z.object({
  output: z.string(),
  type: z.enum(OUTPUT_TYPES),
  /** The story's publication count on the server: ninjs `version`. */
  version: z.number().int().positive(),
  deliveryId: z.string(),
  state: z.enum(TRANSMISSION_STATES),
  attempts: z.number().int().nonnegative(),
  /** ISO 8601, when `sent`. */
  sentAt: z.string().nullable(),
  /** ISO 8601: when the next try is due, while `retrying`. */
  nextAttemptAt: z.string().nullable(),
  /** ISO 8601: while `waiting` under an embargo, when the server sends it. */
  heldUntil: z.string().nullable(),
  /** The last failure in words (network error, timeout, the receiver's status). */
  lastError: z.string().nullable(),
  /** The receiver's answer when it refused: its status code and the start of its body. */
  answer: z.object({ status: z.number().int().nullable(), body: z.string() }).nullable(),
});
export type Transmission = z.infer<typeof transmissionSchema>;

/** `GET /api/publishing?document=article:<uuid>`: the story's transmissions, newest version first. */
export const storyTransmissionsSchema = z.object({
  document: z.string(),
  /** The story's latest publication on the server (its ninjs `version`), or null: never published there. */
  latestVersion: z.number().int().positive().nullable(),
  /** publish: a version to use; kill: the story was spiked after it went out, and outputs were told to withdraw it (pubstatus canceled). */
  latestKind: z.enum(['publish', 'kill']).nullable(),
  /** Why the last publication could not be sent at all (it failed the ninjs schema), or null. */
  problem: z.string().nullable(),
  transmissions: z.array(transmissionSchema),
});
export type StoryTransmissions = z.infer<typeof storyTransmissionsSchema>;

/** `GET /api/publishing/failed`: stories the account may read whose latest version did not reach an output (refused or still retrying). */
export const failedTransmissionsSchema = z.object({ documents: z.array(z.string()) });
export type FailedTransmissions = z.infer<typeof failedTransmissionsSchema>;

/** `GET /api/publishing/embargoed`: stories the account may read whose latest version is held from an output by its embargo, and until when. */
export const embargoedStoriesSchema = z.object({ stories: z.array(z.object({ document: z.string(), until: z.string() })) });
export type EmbargoedStories = z.infer<typeof embargoedStoriesSchema>;

/** The first bytes of a receiver's answer kept with a refusal. */
export const ANSWER_KEPT_BYTES = 1024;

export const TRANSMISSION_STATE_LABELS: Record<TransmissionState, string> = {
  waiting: 'Waiting',
  retrying: 'Retrying',
  sent: 'Sent',
  refused: 'Refused',
};

