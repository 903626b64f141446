import { z } from 'zod';
import { MEDIA_HASH } from '../media-hash';
import { MEDIA_LIST_FIELDS, MEDIA_LIST_ITEM_MAX, MEDIA_LIST_MAX, MEDIA_TEXT_FIELDS, MEDIA_TEXT_MAX, MEDIA_FIELDS, type MediaField } from '../media-fields';
import { TEMPLATE_MODES } from '../photo-templates';
import { CULL_LABEL_VALUES, CULL_RATING_MAX } from '../media-cull';
import { name, none } from './values';

/** Photos: the photo desk's list, metadata, templates, rival versions, import and export. */

export const MEDIA_PAGE_MAX = 1000;
/** Photos one call may change or export at once (a whole card is a few hundred). */
export const MEDIA_BATCH_MAX = 5000;
export const MEDIA_FILTERS = ['all', 'missingAlt', 'missingCredit', 'overLimit'] as const;
export const MEDIA_SORTS = ['imported', 'taken', 'filename'] as const;
/** The label filter: any label (no filter), no label, or one colour. */
export const MEDIA_LABEL_FILTERS = ['any', ...CULL_LABEL_VALUES] as const;

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
const cullLabel = z.enum(CULL_LABEL_VALUES, { message: `must be one of ${CULL_LABEL_VALUES.join(', ')}` });
const cullValues = z.object({
  rating: z.number().int('stars are whole numbers').min(0, 'stars are 0 to 5').max(CULL_RATING_MAX, `stars are 0 to ${CULL_RATING_MAX}`),
  label: cullLabel,
  tagged: z.boolean(),
  rejected: z.boolean(),
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
  /** Stars, label, tag and rejection (ADR 0070). */
  cull: cullValues,
});
const mediaQuery = {
  query: z.string().max(500).default(''),
  filter: z.enum(MEDIA_FILTERS).default('all'),
  sort: z.enum(MEDIA_SORTS).default('imported'),
  /** Photos with at least this many stars (0: every photo). */
  minRating: z.number().int().min(0).max(CULL_RATING_MAX).default(0),
  label: z.enum(MEDIA_LABEL_FILTERS).default('any'),
  taggedOnly: z.boolean().default(false),
  /** Rejected photos are left out unless asked for (ADR 0070). */
  showRejected: z.boolean().default(false),
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
export const photoDeskSettings = z.object({
  templates: z.array(captionTemplate).max(100),
  codes: z.array(codeReplacement).max(500),
  /** The person's last choice between "Fill empty fields only" and "Replace existing text". */
  templateMode,
});
export const importProgress = z.object({
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


export const mediaChannels = {
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
  'media.ids': {
    payload: z.object(mediaQuery).strict(),
    /** `rejectedHidden`: rejected photos the query leaves out (0 when they are shown), so the desk can say so. */
    result: z.object({ ids: z.array(z.string()), rejectedHidden: z.number().int() }),
  },
  'media.get': { payload: z.object({ sha256s: z.array(sha256).min(1).max(MEDIA_BATCH_MAX) }).strict(), result: z.object({ items: z.array(mediaAsset) }) },
  /** Changes the given fields of each photo and nothing else (multi-edit, templates, copy caption). */
  'media.update': {
    payload: z
      .object({ changes: z.array(z.object({ sha256, fields: mediaFields.partial() }).strict()).min(1).max(MEDIA_BATCH_MAX) })
      .strict(),
    result: z.object({ changed: z.array(z.string()) }),
  },
  /**
   * Culling: sets stars, label, tag or rejection on every given photo (the
   * grid's selection, the loupe's photo) and nothing else. All photos change
   * in one transaction, or none (an unknown photo refuses the whole call).
   */
  'media.cull': {
    payload: z
      .object({
        sha256s: z.array(sha256).min(1).max(MEDIA_BATCH_MAX),
        set: cullValues.partial().strict().refine((set) => Object.keys(set).length > 0, 'say what to set: rating, label, tagged or rejected'),
      })
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
