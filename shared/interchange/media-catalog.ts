import { MEDIA_HASH_DIGITS } from '../media-hash';
import type { MediaVariant } from '../media-variants';

/**
 * The one seam between interchange (export, import) and the media library.
 * Export asks the catalog what it knows about a figure's picture (renditions,
 * size, type); import hands it the pictures found in a file. Core passes in
 * the photo desk's catalog (`media/photo-desk-catalog.ts`). A picture the
 * catalog does not know still exports as a figure with its own caption, credit
 * and alt text; a catalog that cannot import turns imported pictures into
 * figures without a picture (the import says so).
 */

export interface MediaDescription {
  mimeType: string;
  width: number;
  height: number;
  byteSize: number;
  caption?: string;
  credit?: string;
  creators?: string[];
  headline?: string;
}

export interface MediaCatalog {
  /** What the library knows about an asset, or null when it has none with this hash. */
  describe(sha256: string): MediaDescription | null;
  /** Stores a picture found in an imported file; absent when there is no media library to store it in. */
  importBytes?(bytes: Uint8Array, name: string): Promise<{ sha256: string }>;
}

/** Default base of exported media addresses: the renderer's own protocol, `lede-media://<sha256>/<variant>`. */
export const DEFAULT_MEDIA_HREF_BASE = 'lede-media://';

export function mediaHref(base: string, sha256: string, variant: MediaVariant): string {
  return `${base}${sha256}/${variant}`;
}

/** The hash in a Lede media address (`lede-media://<sha256>[/variant]`), or null. */
const LEDE_MEDIA_HREF = new RegExp(`^lede-media://(${MEDIA_HASH_DIGITS})(?:/|$)`);

export function mediaHashFromHref(href: string | null | undefined): string | null {
  const match = LEDE_MEDIA_HREF.exec(href ?? '');
  return match ? match[1]! : null;
}
