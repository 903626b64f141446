import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { answerMediaRequest, type EnsureMediaFile } from '../core/media/media-response';

export const MEDIA_SCHEME = 'lede-media';

/**
 * `lede-media://<sha256>/<variant>`: the Electron shell's way for the page to
 * show a stored photo, answered as `answerMediaRequest` decides (the same
 * answer as the web shell's /media route: hash and variant only, fail closed,
 * byte ranges, the same headers); the page never learns where the file is.
 * A file not on disk yet is asked of the core, over the host protocol.
 */
export function serveMediaProtocol(target: Pick<Protocol, 'handle'>, dataDir: string, ensureFile: EnsureMediaFile): void {
  target.handle(MEDIA_SCHEME, (request) => mediaResponse(dataDir, request, ensureFile));
}

export async function mediaResponse(dataDir: string, request: Request, ensureFile: EnsureMediaFile): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const answer = await answerMediaRequest(
    dataDir,
    { method: request.method, sha256: url.hostname, variant: url.pathname.replace(/^\/+/, ''), range: request.headers.get('range') },
    ensureFile,
  );
  if (answer.status === 404) return new Response('Not found', { status: 404 });
  if (answer.status === 405 || !answer.body) return new Response(null, { status: answer.status, headers: answer.headers });
  const { file, start, end } = answer.body;
  const body = Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status: answer.status, headers: answer.headers });
}
