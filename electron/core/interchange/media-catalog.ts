/**
 * The one seam between interchange (export, import) and the media library.
 * Export asks the catalog what it knows about a figure's picture (renditions,
 * size, type); import hands it the pictures found in a file. Core passes one
 * catalog in from core.ts: until the photo desk's media service exists it is
 * `EMPTY_MEDIA_CATALOG`, which knows nothing and cannot import — figures then
 * still export with their own caption, credit and alt text, and imported
 * pictures become figures without a picture (the import says so).
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

export const EMPTY_MEDIA_CATALOG: MediaCatalog = { describe: () => null };

/** The variants a media asset is served in (docs/content-model.md, A photo). */
export const MEDIA_VARIANTS = ['original', 'preview', 'thumb'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

/** Default base of exported media addresses: the renderer's own protocol, `lede-media://<sha256>/<variant>`. */
export const DEFAULT_MEDIA_HREF_BASE = 'lede-media://';

export function mediaHref(base: string, sha256: string, variant: MediaVariant): string {
  return `${base}${sha256}/${variant}`;
}

/** The hash in a Lede media address (`lede-media://<sha256>[/variant]`), or null. */
export function mediaHashFromHref(href: string | null | undefined): string | null {
  const match = /^lede-media:\/\/([0-9a-f]{64})(?:\/|$)/.exec(href ?? '');
  return match ? match[1]! : null;
}
