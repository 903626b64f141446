import { isMediaHash } from '../../shared/media-hash';
import type { MediaVariant } from '../../shared/media-variants';

/**
 * Where the editor loads a media asset from. The Electron shell serves
 * `lede-media://<sha256>/<variant>`, the web shell `/media/<sha256>/<variant>`;
 * the app shell may replace this resolver once at start-up (see
 * `setMediaUrlResolver`) so the editor never needs to know which shell it runs in.
 */

export type MediaUrlResolver = (sha256: string, variant: MediaVariant) => string;

let resolver: MediaUrlResolver = (sha256, variant) => `/media/${sha256}/${variant}`;

/** The URL of one variant of a media asset, or null for a malformed hash. */
export function mediaUrl(sha256: string, variant: MediaVariant): string | null {
  return isMediaHash(sha256) ? resolver(sha256, variant) : null;
}

/** Lets the Electron shell point media at its own protocol. */
export function setMediaUrlResolver(next: MediaUrlResolver): void {
  resolver = next;
}
