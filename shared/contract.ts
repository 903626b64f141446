import { z } from 'zod';
import { READY_EDIT_RULES } from './workflow/ready-edits';
import { isBase64 } from './base64';
import { BYLINE_ROLES, NEWSROOM_ROLES, STATUSES } from './model';
import type { ApiError, Result } from './errors';
import { LIMITED_FIELDS, USER_SETTINGS } from './config';
import { SYNC_PROTOCOLS, serviceUrlProblem } from './service-url';
import { CHECKED_STATUSES, RULE_IDS, RULE_LEVELS } from './workflow/rules';
import { EXPORT_FORMATS, IMPORT_FORMATS, MAX_IMPORT_BASE64, MAX_IMPORT_BYTES } from './interchange';
import { REVISION_REASONS, RESTORABLE_PARTS } from './revisions/revision';
import { MEDIA_HASH } from './media-hash';
import { MEDIA_LIST_FIELDS, MEDIA_LIST_ITEM_MAX, MEDIA_LIST_MAX, MEDIA_TEXT_FIELDS, MEDIA_TEXT_MAX, MEDIA_FIELDS, type MediaField } from './media-fields';
import { SYNC_BADGES, presencePersonSchema, syncStatusSchema } from './sync-status';
import { AUDIT_KINDS } from './sync-protocol';
import { TEMPLATE_MODES } from './photo-templates';

/**
 * The one API between the renderer and core. Every channel declares the
 * payload it accepts and the value it returns; every event declares what it
 * carries. Core validates payloads against these schemas before any handler
 * runs; the renderer's client validates results. Both shells only transport
 * `{ channel, payload }` and `Result` values, nothing else.
 */

export const MAX_UPDATE_BASE64 = 24 * 1024 * 1024;
export const MAX_NAME = 200;
export const MAX_TEXT = 4000;
export const LIBRARY_PAGE_MAX = 500;

const id = z.string().uuid('must be a story id (UUID)');
const name = z.string().trim().min(1, 'must not be empty').max(MAX_NAME);
const update = z
  .string()
  .min(4)
  .max(MAX_UPDATE_BASE64, 'update is too large')
  .refine(isBase64, 'must be base64');
const status = z.enum(STATUSES);
const newsroomRole = z.enum(NEWSROOM_ROLES);
const isoDate = z.string().max(40);
const none = z.object({}).strict();

const profile = z.object({ name, role: newsroomRole }).strict();
const person = z.object({ id: z.string(), name: z.string(), bio: z.string() });
const fieldLimit = z
  .object({ warn: z.number().int().min(1).max(100_000), error: z.number().int().min(1).max(100_000) })
  .strict()
  .refine((limit) => limit.warn <= limit.error, 'the warning limit must not be above the hard limit');
const limits = z.object(Object.fromEntries(LIMITED_FIELDS.map((field) => [field, fieldLimit])) as Record<
  (typeof LIMITED_FIELDS)[number],
  typeof fieldLimit
>);
const ruleLevels = z.object(Object.fromEntries(RULE_IDS.map((rule) => [rule, z.enum(RULE_LEVELS)])) as Record<
  (typeof RULE_IDS)[number],
  z.ZodEnum<{ ERROR: 'ERROR'; WARN: 'WARN'; off: 'off' }>
>);
const workflowRules = z.object(Object.fromEntries(CHECKED_STATUSES.map((s) => [s, ruleLevels])) as Record<
  (typeof CHECKED_STATUSES)[number],
  typeof ruleLevels
>);
const workflowRuleOverrides = z
  .object(Object.fromEntries(CHECKED_STATUSES.map((s) => [s, ruleLevels.partial().strict().optional()])) as Record<
    (typeof CHECKED_STATUSES)[number],
    z.ZodOptional<z.ZodObject<{ [K in (typeof RULE_IDS)[number]]: z.ZodOptional<z.ZodEnum<{ ERROR: 'ERROR'; WARN: 'WARN'; off: 'off' }>> }>>
  >)
  .strict();
const languageTag = z.string().min(2).max(35);
const syncServerUrl = z.string().superRefine((raw, context) => {
  const problem = serviceUrlProblem(raw, SYNC_PROTOCOLS);
  if (problem) context.addIssue({ code: 'custom', message: `the sync server address ${problem}` });
});
export const USER_SETTING_SCHEMA = z.enum(USER_SETTINGS);
/** The resolved configuration plus what the newsroom's policy locked (see shared/config.ts ConfigView). */
const config = z.object({
  sections: z.array(z.string()),
  limits,
  defaultLanguage: z.string(),
  languages: z.array(z.object({ tag: z.string(), label: z.string(), dir: z.enum(['ltr', 'rtl']) })),
  spellcheckLanguages: z.array(z.string()),
  syncServerUrl: z.string().nullable(),
  locked: z.array(USER_SETTING_SCHEMA),
  policyProblem: z.string().nullable(),
  workflowRules,
  readyEdits: z.enum(READY_EDIT_RULES),
  typographicQuotes: z.boolean(),
  storyWordLimit: z.number().int().min(1),
});
const configOverrides = z
  .object({
    sections: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
    limits: limits.partial().optional(),
    defaultLanguage: languageTag.optional(),
    spellcheckLanguages: z.array(languageTag).max(10).optional(),
    syncServerUrl: syncServerUrl.nullable().optional(),
    workflowRules: workflowRuleOverrides.optional(),
    readyEdits: z.enum(READY_EDIT_RULES).optional(),
    typographicQuotes: z.boolean().optional(),
  })
  .strict();
const summary = z.object({
  id: z.string(),
  headline: z.string(),
  kicker: z.string(),
  section: z.string(),
  status,
  bylines: z.array(z.string()),
  language: z.string(),
  wordCount: z.number(),
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
    z.object({ field: z.literal('body'), pos: z.number().int().min(0), label: z.string(), range: textRange.optional() }),
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
const textPart = z.object({ op: z.enum(['equal', 'delete', 'insert']), text: z.string() });
const storyDiff = z.object({
  fields: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string(), parts: z.array(textPart) })),
  body: z.array(
    z.union([
      z.object({ kind: z.enum(['same', 'added', 'removed']), label: z.string(), text: z.string() }),
      z.object({ kind: z.literal('changed'), label: z.string(), parts: z.array(textPart) }),
    ]),
  ),
});
const fileBytes = z
  .string()
  .max(MAX_IMPORT_BASE64, `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`)
  .refine(isBase64, 'must be base64');

export const LIBRARY_SORTS = ['updated', 'created', 'headline', 'status'] as const;

export const MEDIA_PAGE_MAX = 1000;
/** Photos one call may change or export at once (a whole card is a few hundred). */
export const MEDIA_BATCH_MAX = 5000;
export const MEDIA_FILTERS = ['all', 'missingAlt', 'missingCredit', 'overLimit'] as const;
export const MEDIA_SORTS = ['imported', 'taken', 'filename'] as const;

const sha256 = z.string().regex(MEDIA_HASH, 'must be a photo id (sha256, 64 hex digits)');
const mediaText = z.string().max(MEDIA_TEXT_MAX, `must be at most ${MEDIA_TEXT_MAX} characters`);
const mediaList = z.array(z.string().max(MEDIA_LIST_ITEM_MAX)).max(MEDIA_LIST_MAX);
const mediaFields = z
  .object({
    ...Object.fromEntries(MEDIA_TEXT_FIELDS.map((field) => [field, mediaText])),
    ...Object.fromEntries(MEDIA_LIST_FIELDS.map((field) => [field, mediaList])),
  } as Record<(typeof MEDIA_TEXT_FIELDS)[number], typeof mediaText> & Record<(typeof MEDIA_LIST_FIELDS)[number], typeof mediaList>)
  .strict();
/** Another whole version of a photo's short field, written offline at the same time (ADR 0061). */
const rivalVersion = z.object({
  id: z.string(),
  field: z.string(),
  text: z.string(),
  by: z.string(),
  at: z.string(),
  kept: z.string(),
  keptBy: z.string().nullable(),
});
const mediaAsset = z.object({
  sha256: z.string(),
  filename: z.string(),
  format: z.string(),
  bytes: z.number(),
  width: z.number(),
  height: z.number(),
  takenAt: z.string(),
  importedAt: z.string(),
  camera: z.string(),
  lens: z.string(),
  fields: mediaFields,
  missingAlt: z.boolean(),
  missingCredit: z.boolean(),
  overLimit: z.boolean(),
});
const mediaQuery = {
  query: z.string().max(500).default(''),
  filter: z.enum(MEDIA_FILTERS).default('all'),
  sort: z.enum(MEDIA_SORTS).default('imported'),
};
const mediaField = z.enum(MEDIA_FIELDS as unknown as [MediaField, ...MediaField[]]);
const captionTemplate = z
  .object({
    id: z.string().min(1).max(64),
    name: name,
    fields: z.array(z.object({ field: mediaField, value: z.string().max(MEDIA_TEXT_MAX), apply: z.boolean() }).strict()).max(MEDIA_FIELDS.length),
  })
  .strict();
const codeReplacement = z
  .object({
    code: z.string().regex(/^[\p{L}\p{N}_-]{1,20}$/u, 'codes are 1–20 letters, digits, - or _ (typed as =code=)'),
    text: z.string().min(1).max(2000),
  })
  .strict();
const templateMode = z.enum(TEMPLATE_MODES);
const photoDeskSettings = z.object({
  templates: z.array(captionTemplate).max(100),
  codes: z.array(codeReplacement).max(500),
  /** The person's last choice between "Fill empty fields only" and "Replace existing text". */
  templateMode,
});
const importProgress = z.object({
  importId: z.string(),
  state: z.enum(['running', 'finished', 'cancelled']),
  total: z.number().int(),
  done: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  /** The file being worked on (or the last one), as the person named it. */
  current: z.string(),
  errors: z.array(z.object({ file: z.string(), reason: z.string() })),
});
const exportResult = z.union([
  z.object({ sha256: z.string(), filename: z.string(), ok: z.literal(true), file: z.string() }),
  z.object({ sha256: z.string(), filename: z.string(), ok: z.literal(false), reason: z.string() }),
]);

export const channels = {
  'app.info': {
    payload: none,
    result: z.object({ version: z.string(), shell: z.enum(['web', 'electron']) }),
  },
  'profile.get': { payload: none, result: profile.nullable() },
  'profile.set': { payload: profile, result: profile },
  'config.get': { payload: none, result: config },
  /** Changes user settings; a setting the newsroom's policy locked is refused with `locked_by_policy`. */
  'config.set': { payload: configOverrides, result: config },
  'library.list': {
    payload: z
      .object({
        query: z.string().max(500).default(''),
        status: status.optional(),
        section: z.string().max(60).optional(),
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
  'people.save': {
    // Without `bio`, an existing person's bio is kept (adding a byline must not wipe it).
    payload: z.object({ id: z.string().max(64).optional(), name, bio: z.string().max(MAX_TEXT).optional() }).strict(),
    result: person,
  },
  'media.list': {
    payload: z
      .object({
        ...mediaQuery,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(MEDIA_PAGE_MAX).default(200),
      })
      .strict(),
    result: z.object({ total: z.number().int(), items: z.array(mediaAsset) }),
  },
  /** Every photo id matching a list query, in list order: select all, shift-click across unloaded rows. */
  'media.ids': { payload: z.object(mediaQuery).strict(), result: z.object({ ids: z.array(z.string()) }) },
  'media.get': { payload: z.object({ sha256s: z.array(sha256).min(1).max(MEDIA_BATCH_MAX) }).strict(), result: z.object({ items: z.array(mediaAsset) }) },
  /** Changes the given fields of each photo and nothing else (multi-edit, templates, copy caption). */
  'media.update': {
    payload: z
      .object({ changes: z.array(z.object({ sha256, fields: mediaFields.partial() }).strict()).min(1).max(MEDIA_BATCH_MAX) })
      .strict(),
    result: z.object({ changed: z.array(z.string()) }),
  },
  /**
   * A template's filled-in values for each photo. Core meets them with each
   * photo's text as it is now (`empty`: only empty fields are written) and
   * keeps what they replaced, so `media.undoTemplate` can take the whole
   * application back as one step.
   */
  'media.applyTemplate': {
    payload: z
      .object({ changes: z.array(z.object({ sha256, fields: mediaFields.partial() }).strict()).min(1).max(MEDIA_BATCH_MAX), mode: templateMode })
      .strict(),
    result: z.object({
      /** Null when nothing was written (every field kept or already so): there is nothing to undo. */
      applicationId: z.string().nullable(),
      changed: z.array(z.string()),
      /** Fields left alone because they had text ("empty fields only"). */
      kept: z.number().int(),
    }),
  },
  /**
   * Takes a template application back: each field it wrote gets its earlier
   * value again, unless someone changed that field since (then it is left
   * and counted in `skipped`).
   */
  'media.undoTemplate': {
    payload: z.object({ applicationId: z.string().min(1).max(64) }).strict(),
    result: z.object({ restored: z.array(z.string()), skipped: z.array(z.object({ sha256: z.string(), field: mediaField })) }),
  },
  /** The rival versions of one photo's caption, credit and alt text, oldest first (ADR 0061). */
  'media.rivals': { payload: z.object({ sha256 }).strict(), result: z.object({ rivals: z.array(rivalVersion) }) },
  /** "Use this" / "Keep mine": writes `write` (null: nothing) to the rival's field and clears it; false when it was settled already. */
  'media.settleRival': {
    payload: z.object({ sha256, id: z.string().min(1).max(100), write: mediaText.nullable() }).strict(),
    result: z.object({ settled: z.boolean() }),
  },
  /** Opens an import whose files are uploaded one by one (web shell: POST /media/import). */
  'media.importBegin': { payload: z.object({ total: z.number().int().min(1).max(20_000) }).strict(), result: z.object({ importId: z.string() }) },
  'media.importCancel': { payload: z.object({ importId: z.string().max(64) }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /**
   * An uploaded import's file that never reached core (the connection
   * dropped, the shell refused it as too large): counted as refused with
   * this reason, so the import can finish and say why.
   */
  'media.importUnsent': {
    payload: z.object({ importId: z.string().max(64), name: z.string().min(1).max(1024), reason: z.string().min(1).max(1000) }).strict(),
    result: z.object({ recorded: z.boolean() }),
  },
  /**
   * Copies of photos with their metadata written in, into a folder on this
   * computer (a full path). Each photo succeeds or fails on its own.
   */
  'media.export': {
    payload: z.object({ sha256s: z.array(sha256).min(1).max(MEDIA_BATCH_MAX), folder: z.string().trim().min(1).max(4096) }).strict(),
    result: z.object({ folder: z.string(), results: z.array(exportResult) }),
  },
  'photoDesk.get': { payload: none, result: photoDeskSettings },
  'photoDesk.set': { payload: photoDeskSettings.partial().strict(), result: photoDeskSettings },
} as const;

export const events = {
  /** Another session (or core itself) changed an open story. Never sent back to the session that made the change. */
  'article.updated': z.object({ id, update: z.string() }),
  /** Derived library rows changed; lists showing these stories should refresh. */
  'library.changed': z.object({ ids: z.array(z.string()) }),
  'people.changed': none,
  /** A story's history gained an entry (a checkpoint, a restore). */
  'article.revisionsChanged': z.object({ id }),
  'config.changed': config,
  'profile.changed': profile,
  /** An import moved on (at most every 100 ms) or ended. `errors` holds every refused file so far. */
  'media.importProgress': importProgress,
  /** Photos were added or their metadata changed; grids showing them should refresh. */
  'media.changed': z.object({ sha256s: z.array(z.string()) }),
  'media.exportProgress': z.object({ exportId: z.string(), total: z.number().int(), done: z.number().int(), current: z.string() }),
  'photoDesk.changed': photoDeskSettings,
  'sync.status': syncStatusSchema,
  'sync.presence': z.object({ id, people: z.array(presencePersonSchema) }),
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type PayloadOf<C extends Channel> = z.input<(typeof channels)[C]['payload']>;
export type ParsedPayloadOf<C extends Channel> = z.output<(typeof channels)[C]['payload']>;
export type ResultOf<C extends Channel> = z.output<(typeof channels)[C]['result']>;
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]>;

export const BYLINE_ROLE_SCHEMA = z.enum(BYLINE_ROLES);

export function isChannel(value: string): value is Channel {
  return Object.prototype.hasOwnProperty.call(channels, value);
}

export function isEventName(value: string): value is EventName {
  return Object.prototype.hasOwnProperty.call(events, value);
}

/** Turns zod issues into one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}

/**
 * What a shell gives the renderer as `window.lede`: an untyped pipe. The
 * typed client below is the only thing the renderer's code talks to.
 */
export interface LedeBridge {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * Connection to core: 'lost' when the pipe broke (core restarting, web
   * shell stopped), 'open' again once calls can go through. Sessions are new
   * after a reconnect, so open stories must be opened again. Web shell only:
   * 'session-ended' when the shell is back but no longer knows this page's
   * session (it restarted, ADR 0068); nothing goes through until the page
   * signs in again.
   */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
  /**
   * Web shell only: signs this page in again with a pasted sign-in link,
   * without reloading it, so the tab keeps what it holds. Answers why not in
   * words for the person (not a link, already used, another address).
   */
  signInAgain?(link: string): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Electron only: native dialogs and dropped files. Paths stay between preload, main and core. */
  desktop?: DesktopBridge;
}

export interface DesktopBridge {
  /** Shows the file (or folder) dialog; what is picked is imported. False when nothing was picked. */
  pickMedia(mode: 'files' | 'folder'): Promise<boolean>;
  /** Imports dropped or pasted File objects by their paths on disk; answers how many had one. */
  importDropped(files: readonly unknown[]): number;
  /** Asks for an export folder; the folder the person picked, or null. */
  pickFolder(): Promise<string | null>;
}

export type ConnectionState = 'open' | 'lost' | 'session-ended';

export type LedeClient = {
  invoke<C extends Channel>(channel: C, payload: PayloadOf<C>): Promise<Result<ResultOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
};

/** Wraps a bridge with the contract's types, and checks what comes back. */
export function createClient(bridge: LedeBridge): LedeClient {
  return {
    async invoke(channel, payload) {
      const result = await bridge.invoke(channel, payload);
      if (!result.ok) return result;
      const parsed = channels[channel].result.safeParse(result.value);
      if (!parsed.success) {
        const error: ApiError = { code: 'internal', message: `Unexpected reply on ${channel}: ${describeIssues(parsed.error)}` };
        return { ok: false, error };
      }
      return { ok: true, value: parsed.data as ResultOf<typeof channel> };
    },
    on(event, listener) {
      return bridge.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayloadOf<typeof event>);
      });
    },
  };
}
