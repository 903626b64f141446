import { mediaUrl } from '../editor/media-url';
import type { MediaAsset } from './media-pager';

/**
 * The loupe's pictures (ADR 0070). The fit view shows the `loupe` rendition
 * (core makes it from the file's embedded preview when it has a large one);
 * 100 % shows the original when the browser can draw its format, else the
 * largest rendition there is.
 */
const DRAWABLE_FORMATS = new Set(['jpeg', 'png', 'gif', 'webp', 'avif']);

export function loupeImageUrl(sha256: string): string | null {
  return mediaUrl(sha256, 'loupe');
}

export function fullSizeUrl(asset: Pick<MediaAsset, 'sha256' | 'format'>): string | null {
  return mediaUrl(asset.sha256, DRAWABLE_FORMATS.has(asset.format) ? 'original' : 'loupe');
}

/** Decoded pictures kept ready, newest last; a few photos either side of the loupe's. */
const prepared = new Map<string, HTMLImageElement>();
const KEEP = 6;

/**
 * Asks for the loupe pictures of photos about to be shown and decodes them,
 * so the arrow key paints the next photo at once: the request makes core
 * prepare the rendition, and the decoded image stays referenced (the
 * browser keeps its pixels) until newer ones push it out.
 */
export function prepareLoupeImages(sha256s: readonly string[]): void {
  for (const sha256 of sha256s) {
    const url = loupeImageUrl(sha256);
    if (!url) continue;
    const ready = prepared.get(url);
    if (ready) {
      prepared.delete(url);
      prepared.set(url, ready);
      continue;
    }
    const image = new Image();
    image.src = url;
    // A failure shows when the photo is reached; preparing it only has nothing to keep.
    image.decode().catch(() => prepared.delete(url));
    prepared.set(url, image);
  }
  while (prepared.size > KEEP) prepared.delete(prepared.keys().next().value!);
}
