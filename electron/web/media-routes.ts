import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LedeError } from '../../shared/errors';
import type { Core } from '../core/core';
import { PRIVATE_FILE_MODE, makePrivateDir } from '../core/files/private-files';
import { answerMediaRequest } from '../core/media/media-response';
import { notFound, sendJson } from './static-files';

/** Largest single upload: bigger than any camera file, small enough to refuse a runaway request early. */
export const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;

const MEDIA_PATH = /^\/media\/([^/]+)\/([^/]+)$/;

/**
 * GET /media/<sha256>/<variant>: a stored photo, answered as
 * `answerMediaRequest` decides (the same answer as Electron's lede-media://).
 * The caller has already checked the session cookie.
 */
export async function serveMedia(core: Core, urlPath: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const match = MEDIA_PATH.exec(urlPath);
  if (!match) return notFound(response);
  const answer = await answerMediaRequest(
    core.dataDir,
    { method: request.method ?? 'GET', sha256: match[1]!, variant: match[2]!, range: request.headers.range },
    (sha256, variant) => core.media.ensureFile(sha256, variant),
  );
  if (answer.status === 404) return notFound(response);
  response.writeHead(answer.status, answer.headers);
  if (answer.status === 405 || !answer.body) {
    response.end();
    return;
  }
  const { file, start, end } = answer.body;
  // pipeline, not pipe: a client that goes away mid-file closes the file too, and a read error ends the response.
  pipeline(fs.createReadStream(file, { start, end }), response, () => undefined);
}

/**
 * POST /media/import?importId=…&name=…: one file's bytes, streamed to a
 * temporary file in the data folder and handed to core's import. The answer
 * says what became of the file (imported, duplicate, failed with a reason).
 * The page's Origin must be the workstation's own (the cookie is
 * SameSite=Strict already; this is the second lock).
 */
export function receiveUpload(core: Core, request: IncomingMessage, response: ServerResponse, originAllowed: boolean): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const importId = url.searchParams.get('importId') ?? '';
  const name = path.basename((url.searchParams.get('name') ?? '').replace(/\\/g, '/')).slice(0, 255);
  const refuse = (status: number, code: string, message: string) => {
    request.resume();
    sendJson(response, status, { ok: false, error: { code, message } }, { Connection: 'close' });
  };
  if (!originAllowed) return refuse(403, 'forbidden', 'Uploads are accepted only from the Lede page itself.');
  if (!importId || !name) return refuse(400, 'invalid_payload', 'Send ?importId=…&name=… with the file as the request body.');
  const declared = Number(request.headers['content-length']);
  if (!Number.isFinite(declared)) return refuse(411, 'invalid_payload', 'Send the file with a Content-Length.');
  if (declared > MAX_UPLOAD_BYTES) {
    return refuse(413, 'too_large', `${name} is ${(declared / 1024 / 1024).toFixed(0)} MB; Lede imports files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  }
  makePrivateDir(core.media.incomingDir);
  const temporary = path.join(core.media.incomingDir, `${randomBytes(12).toString('hex')}.upload`);
  const out = fs.createWriteStream(temporary, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  let received = 0;
  let failed = false;
  const abandon = () => {
    if (failed) return;
    failed = true;
    out.destroy();
    fs.rm(temporary, { force: true }, () => undefined);
  };
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > declared) {
      abandon();
      refuse(413, 'too_large', `${name} is larger than its declared size.`);
      request.destroy();
    }
  });
  request.on('aborted', abandon);
  request.on('error', abandon);
  out.on('error', () => {
    abandon();
    if (!response.headersSent) refuse(500, 'internal', `Lede could not store the upload of ${name}.`);
  });
  request.pipe(out);
  out.on('finish', () => {
    if (failed) return;
    if (received !== declared) {
      abandon();
      return refuse(400, 'invalid_payload', `${name} arrived incomplete (${received} of ${declared} bytes).`);
    }
    core.media.importUpload(importId, { file: temporary, name, temporary: true }).then(
      (outcome) => sendJson(response, 200, { ok: true, value: outcome }),
      (error: unknown) => {
        fs.rm(temporary, { force: true }, () => undefined);
        if (error instanceof LedeError) return sendJson(response, error.code === 'not_found' ? 404 : 400, { ok: false, error: { code: error.code, message: error.message } });
        core.log.error('upload import failed', { error });
        sendJson(response, 500, { ok: false, error: { code: 'internal', message: `Lede could not import ${name}.` } });
      },
    );
  });
}
