import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { isMediaHash } from '../../shared/media-hash';
import { isMediaVariant, type MediaVariant } from '../../shared/media-variants';
import { parseByteRange, resolveMediaFile } from '../core/media/media-store';

export const MEDIA_SCHEME = 'lede-media';

/**
 * `lede-media://<sha256>/<variant>`: the Electron shell's way for the page to
 * show a stored photo. The same resolver as the web shell's /media route
 * (hash and variant only, fail closed), byte ranges included; the page
 * never learns where the file is. A file not on disk yet (a photo known only
 * by sync, a preview never shown) is asked of the core, which has it fetched
 * or made, as the web shell's route does.
 */
export function serveMediaProtocol(target: Pick<Protocol, 'handle'>, dataDir: string, ensureFile: EnsureMediaFile): void {
  target.handle(MEDIA_SCHEME, (request) => mediaResponse(dataDir, request, ensureFile));
}

/** Gets `<sha256>/<variant>` onto disk if it can be had; true when it is there now. */
export type EnsureMediaFile = (sha256: string, variant: MediaVariant) => Promise<boolean>;

export async function mediaResponse(dataDir: string, request: Request, ensureFile: EnsureMediaFile): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const sha256 = url.hostname;
  const variant = url.pathname.replace(/^\/+/, '');
  let found = await resolveMediaFile(dataDir, sha256, variant);
  if (!found && isMediaHash(sha256) && isMediaVariant(variant) && (await ensureFile(sha256, variant))) {
    found = await resolveMediaFile(dataDir, sha256, variant);
  }
  if (!found) return new Response('Not found', { status: 404 });
  const headers = new Headers({
    'Content-Type': found.contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
  });
  const range = parseByteRange(request.headers.get('range'), found.size);
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${found.size}`);
    return new Response(null, { status: 416, headers });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? found.size - 1;
  headers.set('Content-Length', String(found.size === 0 ? 0 : end - start + 1));
  if (range) headers.set('Content-Range', `bytes ${start}-${end}/${found.size}`);
  if (request.method === 'HEAD' || found.size === 0) return new Response(null, { status: range ? 206 : 200, headers });
  const body = Readable.toWeb(fs.createReadStream(found.file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status: range ? 206 : 200, headers });
}
