import { isMediaHash } from '../../../shared/media-hash';
import { isMediaVariant, type MediaVariant } from '../../../shared/media-variants';
import { resolveMediaFile } from './media-store';

/**
 * How a stored photo is answered to the page, decided once for both shells
 * (the web shell's `GET /media/<sha256>/<variant>` and Electron's
 * `lede-media://<sha256>/<variant>`): status, headers and which bytes of
 * which file. Each shell only parses its own URL form and writes the answer
 * with its own transport. Needs no Electron and no database.
 */

/** Gets `<sha256>/<variant>` onto disk if it can be had (a photo known only by sync, a preview never shown); true when it is there now. */
export type EnsureMediaFile = (sha256: string, variant: MediaVariant) => Promise<boolean>;

export interface MediaRequest {
  method: string;
  /** As the URL gave them: anything that is not a hash Lede stored and a variant is a 404. */
  sha256: string;
  variant: string;
  /** The Range header, if any. */
  range: string | null | undefined;
}

export type MediaAnswer =
  /** Nothing behind this hash and variant, or not a hash and variant at all. Each shell words its own 404. */
  | { status: 404 }
  | { status: 405; headers: Record<string, string> }
  /** `body` is null for HEAD, an empty file and a 416. */
  | { status: 200 | 206 | 416; headers: Record<string, string>; body: { file: string; start: number; end: number } | null };

export async function answerMediaRequest(dataDir: string, request: MediaRequest, ensureFile: EnsureMediaFile): Promise<MediaAnswer> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405, headers: { Allow: 'GET, HEAD' } };
  const { sha256, variant } = request;
  let found = await resolveMediaFile(dataDir, sha256, variant);
  // Only a real hash and variant are asked of core, so a probe never starts a download.
  if (!found && isMediaHash(sha256) && isMediaVariant(variant) && (await ensureFile(sha256, variant))) {
    found = await resolveMediaFile(dataDir, sha256, variant);
  }
  if (!found) return { status: 404 };
  const headers: Record<string, string> = {
    'Content-Type': found.contentType,
    'Accept-Ranges': 'bytes',
    // Content-addressed: the bytes behind a hash never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    // Opened on its own as a page, a stored file runs no script and loads nothing (only sniffed images are stored; this is the second lock).
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  const range = parseByteRange(request.range, found.size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${found.size}` }, body: null };
  const start = range?.start ?? 0;
  const end = range?.end ?? found.size - 1;
  headers['Content-Length'] = String(found.size === 0 ? 0 : end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${found.size}`;
  const body = request.method === 'HEAD' || found.size === 0 ? null : { file: found.file, start, end };
  return { status: range ? 206 : 200, headers, body };
}

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` over a file of `size` bytes: the range to send, null
 * for "send it all" (no or unusable header), or 'unsatisfiable' (416).
 * Multiple ranges are answered with the whole file, which HTTP allows.
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return null;
  let start: number;
  let end: number;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
