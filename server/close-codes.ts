import { REFUSAL_REASONS, REFUSED_CHANGE_REASON } from '../shared/sync-protocol';

// How the sync server closes a socket or a document connection, and why (private range 4000–4999).

/** Close code for a socket whose account was revoked. */
export const REVOKED_CLOSE = { code: 4401, reason: 'unauthorized' };

/**
 * Close code of a writer's connection to a document after the server refused
 * one of its changes by the newsroom's rules (the reason is
 * REFUSED_CHANGE_REASON; the details came just before, as a `refused`
 * stateless message).
 */
export const REFUSED_CHANGE_CLOSE = { code: 4403, reason: REFUSED_CHANGE_REASON };
/** Close code of a connection whose account may no longer open the document (moved to another desk, or taken off one). */
export const NO_ACCESS_CLOSE = { code: 4404, reason: REFUSAL_REASONS.notYourDesk };

/**
 * Close code of the connections to a document an admin has just purged. Its
 * reason is the one a later attach is refused with, so a laptop reads both
 * the same way (ask the catalog, set the story aside) — and knows the server
 * closed it, so letting go sends no Close of its own to be queued onto the
 * next attach (Hocuspocus' own closeConnections says only "Reset Connection").
 */
export const PURGED_CLOSE = { code: 4410, reason: REFUSAL_REASONS.deleted };
/** Close code of a document connection that sent a message the server does not take. */
export const REFUSED_MESSAGE_CLOSE = { code: 4400, reason: 'refused-message' };
/** Close code of a writer whose change would take the document past the size limit (reason: tooLargeReason). */
export const TOO_LARGE_CLOSE_CODE = 4413;
