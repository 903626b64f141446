import { z } from 'zod';
import { isBase64 } from '../base64';
import { RULE_IDS } from '../workflow/rules';
import { EXPORT_FORMATS, IMPORT_FORMATS, MAX_IMPORT_BASE64, MAX_IMPORT_BYTES } from '../interchange';
import { REVISION_REASONS, RESTORABLE_PARTS } from '../revisions/revision';
import { SYNC_BADGES } from '../sync-status';
import { AUDIT_KINDS } from '../sync-protocol';
import { transmissionSchema } from '../publishing/transmissions';
import { MAX_NAME, MAX_TEXT, id, isoDate, name, none, person, status, update } from './values';

/** Stories: the library, a story's life (open, edit, check, move, history, files, trash) and the people in bylines. */

const summary = z.object({
  id: z.string(),
  headline: z.string(),
  kicker: z.string(),
  section: z.string(),
  status,
  bylines: z.array(z.string()),
  language: z.string(),
  wordCount: z.number(),
  openSuggestions: z.number().int(),
  openComments: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
  trashedAt: isoDate.nullable(),
  /** Whether the sync server has stored every change made here (meaningful when signed in). */
  sync: z.enum(SYNC_BADGES),
});
const editorCredit = z.object({ name: z.string(), personId: z.string().optional() });
const ruleId = z.enum(RULE_IDS);
const findingLevel = z.enum(['WARN', 'ERROR']);
const textRange = z.object({ from: z.number().int().min(0), to: z.number().int().min(0) });
const finding = z.object({
  rule: ruleId,
  level: findingLevel,
  message: z.string(),
  where: z.union([
    z.object({ field: z.enum(['headline', 'kicker', 'teaser', 'bylines']), range: textRange.optional() }),
    z.object({ field: z.literal('body'), pos: z.number().int().min(0), label: z.string(), range: textRange.optional(), threadId: z.string().optional() }),
  ]),
});
const checkResult = z.object({
  target: status,
  rules: z.array(z.object({ rule: ruleId, label: z.string(), level: findingLevel })),
  findings: z.array(finding),
});
const revisionId = z.number().int().min(1);
const revisionSummary = z.object({
  id: revisionId,
  createdAt: isoDate,
  author: z.string(),
  reason: z.enum(REVISION_REASONS),
  detail: z.string(),
  status,
});
const newsroomHistoryReach = z.discriminatedUnion('included', [
  z.object({ included: z.literal(true) }),
  z.object({ included: z.literal(false), reason: z.enum(['signed_out', 'not_on_server', 'not_allowed', 'unreachable']), message: z.string() }),
]);
/** Who changed a story on the newsroom server, as its audit trail says (ADR 0059). */
const auditTrailEntry = z.object({
  account: z.string(),
  at: isoDate,
  kind: z.enum(AUDIT_KINDS),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
/**
 * The server's trail, or why there is none to show: not signed in, the
 * account may not read it (reporters, readers), the server cannot be
 * reached, or it has not stored the story yet.
 */
const auditTrail = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), entries: z.array(auditTrailEntry), capped: z.boolean() }),
  z.object({ available: z.literal(false), reason: z.enum(['signed_out', 'not_allowed', 'unreachable']), message: z.string() }),
]);
/**
 * What the newsroom server did with the story's publications (ADR 0071),
 * or why it cannot say: not signed in, the server has not stored the
 * story yet, it cannot be reached.
 */
const publishing = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), latestVersion: z.number().int().positive().nullable(), latestKind: z.enum(['publish', 'kill']).nullable(), problem: z.string().nullable(), transmissions: z.array(transmissionSchema) }),
  z.object({ available: z.literal(false), reason: z.enum(['signed_out', 'not_on_server', 'not_allowed', 'unreachable']), message: z.string() }),
]);
const textPart = z.object({ op: z.enum(['equal', 'delete', 'insert']), text: z.string() });
/** Who made a change (ADR 0073): the name on the version that first held it; null when no version holds it yet. */
const by = z.string().nullable();
const storyDiff = z.object({
  fields: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string(), parts: z.array(textPart), by })),
  body: z.array(
    z.union([
      z.object({ kind: z.enum(['same', 'added', 'removed']), label: z.string(), text: z.string(), by }),
      z.object({ kind: z.literal('changed'), label: z.string(), parts: z.array(textPart), by }),
    ]),
  ),
});
const fileBytes = z
  .string()
  .max(MAX_IMPORT_BASE64, `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`)
  .refine(isBase64, 'must be base64');

export const LIBRARY_PAGE_MAX = 500;
export const LIBRARY_SORTS = ['updated', 'created', 'headline', 'status'] as const;


export const storyChannels = {
  'library.list': {
    payload: z
      .object({
        query: z.string().max(500).default(''),
        status: status.optional(),
        section: z.string().max(60).optional(),
        /** Only stories whose open comment threads mention this person ("Mentions me"). */
        mentioning: z.string().trim().min(1).max(200).optional(),
        view: z.enum(['active', 'trash']).default('active'),
        sort: z.enum(LIBRARY_SORTS).default('updated'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(LIBRARY_PAGE_MAX).default(100),
      })
      .strict(),
    // `capped`: a search matched more stories than it counted; `total` is then "at least".
    result: z.object({ total: z.number().int(), capped: z.boolean(), items: z.array(summary) }),
  },
  'article.create': {
    payload: z.object({ section: z.string().max(60).optional(), language: z.string().min(2).max(35).optional() }).strict(),
    result: z.object({ id }),
  },
  'article.open': {
    payload: z.object({ id }).strict(),
    result: z.object({ id, state: z.string(), updatedAt: isoDate }),
  },
  'article.close': { payload: z.object({ id }).strict(), result: none },
  'article.update': { payload: z.object({ id, update }).strict(), result: none },
  /** The ready checks for a move, without moving: what the checklist shows. */
  'article.check': { payload: z.object({ id, to: status }).strict(), result: checkResult },
  'article.setStatus': {
    // `acknowledge`: warning rules the person saw in the checklist and confirmed. Errors cannot be acknowledged.
    payload: z.object({ id, to: status, acknowledge: z.array(ruleId).max(RULE_IDS.length).default([]) }).strict(),
    result: z.object({ status, editedBy: z.array(editorCredit) }),
  },
  /**
   * Every version of the story this computer knows: its own and, signed in,
   * the newsroom's (read from the server first; ADR 0065). `newsroom` says
   * whether the list includes them, and if not, why.
   */
  'article.revisions': { payload: z.object({ id }).strict(), result: z.object({ items: z.array(revisionSummary), newsroom: newsroomHistoryReach }) },
  /** Per output, what became of the story's publications on the newsroom server: waiting, sent, retrying, refused. */
  'article.publishing': { payload: z.object({ id }).strict(), result: publishing },
  /** Stories whose latest publication did not reach an output (the library marks them); empty when signed out or unreachable. */
  'articles.publishingFailed': { payload: z.object({}).strict(), result: z.object({ ids: z.array(id) }) },
  /** Stories the newsroom server holds from an output by their embargo, and when it ends (the library shows the time left). */
  'articles.publishingEmbargoed': { payload: z.object({}).strict(), result: z.object({ stories: z.array(z.object({ id, until: isoDate })) }) },
  /** Who changed the story, from the signed-in server's audit trail, oldest first. */
  'article.auditTrail': { payload: z.object({ id }).strict(), result: auditTrail },
  'article.revisionDiff': {
    payload: z.object({ id, from: revisionId, to: z.union([revisionId, z.literal('current')]) }).strict(),
    result: z.object({ from: revisionSummary, to: revisionSummary.nullable(), diff: storyDiff }),
  },
  'article.restoreRevision': {
    payload: z.object({ id, revisionId, parts: z.array(z.enum(RESTORABLE_PARTS)).min(1).max(RESTORABLE_PARTS.length).default([...RESTORABLE_PARTS]) }).strict(),
    /** `status`: the story's status after the restore (ADR 0065: a Ready story goes back to In edit). */
    result: z.object({ revisionId: revisionId.nullable(), status }),
  },
  'article.export': {
    payload: z.object({ id, format: z.enum(EXPORT_FORMATS) }).strict(),
    result: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
  },
  /** A file as a new draft. The file travels as base64 (both shells carry it the same way); see ADR 0033. */
  'article.importFile': {
    payload: z.object({ name: z.string().trim().min(1).max(255), bytes: fileBytes }).strict(),
    result: z.object({ id, format: z.enum(IMPORT_FORMATS), notes: z.array(z.string()) }),
  },
  'article.trash': { payload: z.object({ id }).strict(), result: none },
  'article.restore': { payload: z.object({ id }).strict(), result: none },
  /** Gives the story to a desk (null: none), as the signed-in account's role allows. */
  'article.setDesk': { payload: z.object({ id, desk: z.string().max(60).nullable() }).strict(), result: none },
  'article.purge': { payload: z.object({ id }).strict(), result: none },
  'people.search': {
    payload: z.object({ query: z.string().max(MAX_NAME), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    result: z.array(person),
  },
  'people.save': {
    // Without `bio`, an existing person's bio is kept (adding a byline must not wipe it).
    payload: z.object({ id: z.string().max(64).optional(), name, bio: z.string().max(MAX_TEXT).optional() }).strict(),
    result: person,
  },
} as const;
