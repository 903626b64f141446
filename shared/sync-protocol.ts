import { z } from 'zod';
import { ACCOUNT_ROLES } from './accounts/roles';
import { DOC_KINDS } from './documents/doc-names';

/**
 * What the workstation and the newsroom sync server agree on: document
 * names, the HTTP API's bodies, and the JSON carried in Hocuspocus stateless
 * messages. Both sides validate what they receive against these schemas.
 */

/** The server's WebSocket path; the HTTP API shares the port. */
export const SYNC_SOCKET_PATH = '/sync';

/**
 * A document every client attaches (read-only, never stored): the server
 * tells clients on it that the catalog changed, and answers keep-alive pings
 * so an idle connection is not taken for a dead one.
 */
export const CONTROL_DOC = 'newsroom';



/** One row of the server's catalog: a document changed (or purged) since a cursor. */
export const catalogItemSchema = z.object({
  /** The document's name, e.g. `article:<uuid>` or `media:<sha256>`. */
  id: z.string().max(200),
  kind: z.enum(DOC_KINDS),
  headline: z.string(),
  status: z.string(),
  /** When the server last stored a change (ISO 8601, UTC). */
  updatedAt: z.string(),
  /** A tombstone: the document was purged and should disappear everywhere. */
  deleted: z.boolean(),
  /** The stored state's version; grows with every stored change. */
  version: z.number().int().min(0),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

export const catalogPageSchema = z.object({
  items: z.array(catalogItemSchema),
  /**
   * Pass back as `since` for what changed next. Never above the server's
   * newest change: a cursor lower than the one sent means the server went
   * back in time (restored), and the client reads the catalog from 0 again.
   */
  cursor: z.number().int().min(0),
});
export type CatalogPage = z.infer<typeof catalogPageSchema>;

export const CATALOG_PAGE_MAX = 1000;
export const LOOKUP_MAX = 1000;

export const lookupRequestSchema = z.object({ ids: z.array(z.string().max(200)).max(LOOKUP_MAX) }).strict();
export const lookupResultSchema = z.object({ items: z.array(catalogItemSchema) });

export const healthSchema = z.object({
  ok: z.literal(true),
  serverId: z.string().min(1),
  protocol: z.number().int(),
  /**
   * Days a purged story stays restorable (`--purge-retention-days`): laptops
   * keep its document and history as long, counted from the tombstone's
   * `updatedAt`. Servers before recoverable purges send none: 0, removed at once.
   */
  purgeRetentionDays: z.number().int().min(0).max(36_500).default(0),
});
export type Health = z.infer<typeof healthSchema>;
/**
 * 2: the server refuses clients' stateless broadcasts, so every stateless
 * message a client receives was written by the server (ADR 0047).
 */
export const SYNC_PROTOCOL_VERSION = 2;
/**
 * Workstations sync only with servers at least this new: an older server
 * relays any account's broadcast framed like its own `stored`, so "Synced"
 * there could be forged.
 */
export const MIN_SERVER_PROTOCOL = 2;

export const accountSchema = z.object({
  name: z.string().min(1),
  role: z.enum(ACCOUNT_ROLES),
  /** The account's desks, its default first (servers before desks send none). */
  desks: z.array(z.string().max(200)).max(1000).default([]),
});
export type ServerAccount = z.infer<typeof accountSchema>;

/** What the server's audit trail records of a change (ADR 0059). */
/** `transmit`: the server sent a published version to an output (ADR 0071); `from` the output, `to` "sent v2" or "refused v2". */
export const AUDIT_KINDS = ['edit', 'status', 'trash', 'restore', 'purge', 'desk', 'publish', 'transmit'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/**
 * One entry of `GET /api/audit`: who did what to a document, when.
 * `from`/`to`: the status or desk before and after (`status`, `publish`,
 * `desk`), the trash time (`trash`), where a story came back from
 * (`restore`: "trash" or "purge"); null otherwise.
 */
export const auditEntrySchema = z.object({
  id: z.number().int().min(1),
  document: z.string().max(200),
  account: z.string(),
  /** ISO 8601, UTC. */
  at: z.string(),
  kind: z.enum(AUDIT_KINDS),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass back as `cursor` for the next page; null on the last. */
  cursor: z.number().int().min(1).nullable(),
});
export type AuditAnswer = z.infer<typeof auditPageSchema>;

export const AUDIT_PAGE_MAX = 500;

export const serverErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Codes in the server's JSON errors. */
export type ServerErrorCode =
  | 'unauthorized'
  /** The token was revoked because its computer was reported lost (`user lost`): remove the newsroom's data. */
  | 'device_lost'
  | 'forbidden'
  | 'not_found'
  | 'too_large'
  | 'hash_mismatch'
  | 'invalid_request'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/**
 * Stateless messages, server → client, as JSON:
 * - `stored`: the document's state as the server has stored it (a Yjs
 *   snapshot: state vector and delete set), sent when a client attaches and
 *   after every store. A client's change is safe once this covers it.
 * - `catalog`: the catalog changed (sent on the control document).
 * - `pong`: answer to a client's `ping` on the control document.
 * - `refused`: a change of the client's broke the newsroom's rules (see documentStatelessSchema).
 */
export const serverStatelessSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stored'), version: z.number().int().min(0), snapshot: z.string() }),
  z.object({ type: z.literal('catalog'), cursor: z.number().int().min(0) }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('refused'), message: z.string().max(1000), restore: z.record(z.string(), z.string().nullable()) }),
]);
export type ServerStateless = z.infer<typeof serverStatelessSchema>;

/**
 * What a document's link takes from the server: `stored`, and `refused`
 * (a change of this laptop's broke the newsroom's rules: `restore` holds the
 * server's values of the guarded keys it touched, in the kind's watched map).
 */
export const documentStatelessSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stored'), version: z.number().int().min(0), snapshot: z.string() }),
  z.object({ type: z.literal('refused'), message: z.string().max(1000), restore: z.record(z.string().max(100), z.string().max(1000).nullable()) }),
]);
/** What the control document takes from the server: `catalog` and `pong`. */
export const controlStatelessSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('catalog'), cursor: z.number().int().min(0) }), z.object({ type: z.literal('pong') })]);

/**
 * Stateless messages, client → server: the only ones a client may send
 * (anything else, and every BroadcastStateless, is refused before
 * Hocuspocus handles it, since Hocuspocus would relay a broadcast to other
 * clients framed exactly like the server's own messages).
 */
export const CLIENT_STATELESS = {
  /** On the control document: keep-alive, answered with `pong`. */
  control: ['ping'],
  /** On a document: send me the stored snapshot again. */
  document: ['stored?'],
} as const;

/** Reasons the server gives when it refuses a document (Hocuspocus permission-denied). */
export const REFUSAL_REASONS = {
  unauthorized: 'unauthorized',
  badName: 'invalid-document-name',
  deleted: 'deleted',
  unavailable: 'unavailable',
  /** Too many failed token checks from this address lately: try again later. */
  rateLimited: 'rate-limited',
  /** The account (or address) has as many sockets open as the server allows. */
  tooManyConnections: 'too-many-connections',
  /** The story belongs to a desk the account is not on. */
  notYourDesk: 'not-your-desk',
} as const;

/**
 * Why the server closed a writer's connection to a document after refusing
 * a change by the newsroom's rules; a `refused` stateless message with the
 * details came just before.
 */
export const REFUSED_CHANGE_REASON = 'refused-change';

/**
 * Why the server closed a writer's connection to a document: the change
 * would take it past the newsroom's size limit (`--max-document-mb`). The
 * limit travels in the reason, so the laptop can say what it is.
 */
const TOO_LARGE_PREFIX = 'too-large:';

export function tooLargeReason(limitBytes: number): string {
  return `${TOO_LARGE_PREFIX}${limitBytes}`;
}

/** The limit in a too-large reason, or null for any other reason. */
export function tooLargeLimit(reason: string): number | null {
  if (!reason.startsWith(TOO_LARGE_PREFIX)) return null;
  const limit = Number(reason.slice(TOO_LARGE_PREFIX.length));
  return Number.isSafeInteger(limit) && limit > 0 ? limit : null;
}
