/**
 * A media asset is named by the sha256 of its bytes, as 64 lower-case hex
 * digits. This file is the one definition of that rule: core, the server,
 * both shells and the renderer check hashes only through it.
 */

/** The digits alone, to embed in a longer pattern (a route, a media address). */
export const MEDIA_HASH_DIGITS = '[0-9a-f]{64}';

/** A whole value that is a media hash (for schemas that take a pattern). */
export const MEDIA_HASH = new RegExp(`^${MEDIA_HASH_DIGITS}$`);

/** True for a well-formed content hash; anything else is never turned into a path, a URL or a figure's image. */
export function isMediaHash(value: unknown): value is string {
  return typeof value === 'string' && MEDIA_HASH.test(value);
}
