/**
 * The variants a media asset is stored and served in. The published ones,
 * largest first (ninjs export lists its renditions in this order): the
 * original exactly as imported, the 1000 px preview and the grid's
 * thumbnail. The loupe's picture (ADR 0070) is the desk's own: made on
 * demand for full-window viewing, never linked from an export.
 */
export const PUBLISHED_MEDIA_VARIANTS = ['original', 'preview', 'thumb'] as const;
export const MEDIA_VARIANTS = [...PUBLISHED_MEDIA_VARIANTS, 'loupe'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

export function isMediaVariant(value: unknown): value is MediaVariant {
  return typeof value === 'string' && (MEDIA_VARIANTS as readonly string[]).includes(value);
}
