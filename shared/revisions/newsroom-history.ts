import { z } from 'zod';
import { BYLINE_ROLES, STATUSES } from '../model';
import { parseIsoInstant } from '../time';
import { REVISION_REASONS } from './revision';

/**
 * A story's history as the newsroom shares it (ADR 0065): every laptop
 * sends the sync server the checkpoints it took, and reads everyone
 * else's from it. A checkpoint is known everywhere by its key, made by the
 * laptop that took it, so sending one twice stores it once. The server
 * names the author from the account that sent it, never from the body.
 */

/** 32 hex digits (16 random bytes), made when the checkpoint is taken. */
export const REVISION_KEY = /^[0-9a-f]{32}$/;

/** Revisions one page of `GET /api/revisions` holds at most (they carry whole stories). */
export const REVISION_PAGE_MAX = 20;

const text = (max: number) => z.string().max(max);

/** A story's fields as a checkpoint holds them: what `readArticleFields` returns, checked on the way in. */
const articleFieldsSchema = z.object({
  headline: text(10_000),
  kicker: text(10_000),
  teaser: text(100_000),
  section: text(1_000),
  status: z.enum(STATUSES),
  language: text(100),
  bylines: z
    .array(
      z.object({
        id: text(200),
        name: text(1_000),
        role: z.enum(BYLINE_ROLES),
        organisation: text(1_000).optional(),
        personId: text(200).optional(),
      }),
    )
    .max(1_000),
  sources: z.array(text(10_000)).max(1_000),
  editedBy: z.array(z.object({ name: text(1_000), personId: text(200).optional() })).max(1_000),
  tags: z.array(text(1_000)).max(1_000),
  slug: text(1_000),
  dateline: text(1_000),
  createdAt: text(100),
  publishedAt: text(100).nullable(),
  trashedAt: text(100).nullable(),
});

/**
 * The body as ProseMirror JSON. Only its outline is checked here: whether
 * it is a document of the newsroom's schema is for the reader to find out
 * (`bodyNodeFromJson` throws on anything else), as for an imported file.
 */
const bodySchema = z.object({ type: z.literal('doc'), content: z.array(z.unknown()).optional() });

export const storySnapshotSchema = z.object({ fields: articleFieldsSchema, body: bodySchema });

/** One checkpoint as a laptop sends it. */
export const sharedRevisionSchema = z
  .object({
    key: z.string().regex(REVISION_KEY),
    /** ISO 8601 with offset: when the laptop took it. */
    createdAt: z.string().max(100).refine((value) => parseIsoInstant(value) !== null, 'an ISO 8601 date and time'),
    reason: z.enum(REVISION_REASONS),
    detail: text(1_000),
    story: storySnapshotSchema,
  })
  .strict();
export type SharedRevision = z.infer<typeof sharedRevisionSchema>;

/** `POST /api/revisions`: one checkpoint of one story. */
export const revisionUploadSchema = z.object({ document: z.string().max(200), revision: sharedRevisionSchema }).strict();
export type RevisionUpload = z.infer<typeof revisionUploadSchema>;

/** One entry of `GET /api/revisions?document=…`: the checkpoint and the account that sent it. */
export const archivedRevisionSchema = z.object({
  id: z.number().int().min(1),
  key: z.string().regex(REVISION_KEY),
  author: z.string().max(1_000),
  createdAt: z.string().max(100),
  reason: z.enum(REVISION_REASONS),
  detail: text(1_000),
  story: storySnapshotSchema,
});
export type ArchivedRevision = z.infer<typeof archivedRevisionSchema>;

export const revisionPageSchema = z.object({
  entries: z.array(archivedRevisionSchema).max(REVISION_PAGE_MAX),
  /** Pass back as `cursor` for the next page; null on the last. */
  cursor: z.number().int().min(1).nullable(),
});
export type RevisionPage = z.infer<typeof revisionPageSchema>;
