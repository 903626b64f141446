/**
 * The variants a media asset is stored and served in, largest first (ninjs
 * export lists its renditions in this order): the original exactly as
 * imported, the 1000 px preview and the grid's thumbnail.
 */
export const MEDIA_VARIANTS = ['original', 'preview', 'thumb'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

export function isMediaVariant(value: unknown): value is MediaVariant {
  return typeof value === 'string' && (MEDIA_VARIANTS as readonly string[]).includes(value);
}
