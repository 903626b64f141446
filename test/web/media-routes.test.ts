import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { MAX_UPLOAD_BYTES } from '../../electron/web/media-routes';
import { sessionCookie } from '../helpers/api-socket';
import { connect, openTestCore, type TestClient } from '../helpers/core';
import { fixturePath } from '../helpers/fixtures';
import { importAndWait } from '../helpers/media';
import { expectServedMediaHeaders } from '../helpers/media-headers';
import { makeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait';

let core: Core;
let shell: WebShell;
let client: TestClient;
let cookie: string;
let origin: string;
let sha: string;

beforeAll(async () => {
  core = openTestCore();
  client = connect(core);
  const rendererDir = makeTempDir('lede-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lede</title>');
  shell = await startWebShell(core, { port: 0, rendererDir });
  cookie = (await sessionCookie(shell.port, shell.token)).split(';')[0]!;
  origin = `http://127.0.0.1:${shell.port}`;
  await importAndWait(core, client, [fixturePath('images', 'metapm.jpg')]);
  sha = createHash('sha256').update(fs.readFileSync(fixturePath('images', 'metapm.jpg'))).digest('hex');
});

afterAll(async () => {
  await shell.close();
  await core.close();
});

const url = (route: string) => `${origin}${route}`;

describe('GET /media/<sha256>/<variant>', () => {
  it('needs the session cookie', async () => {
    expect((await fetch(url(`/media/${sha}/thumb`))).status).toBe(401);
    expect((await fetch(url(`/media/${sha}/thumb`), { headers: { Cookie: 'lede_session=forged' } })).status).toBe(401);
  });

  it('serves each variant by hash, with byte ranges, and the original byte for byte', async () => {
    const thumb = await fetch(url(`/media/${sha}/thumb`), { headers: { Cookie: cookie } });
    expect(thumb.status).toBe(200);
    expectServedMediaHeaders(thumb.headers, 'image/jpeg');
    const original = Buffer.from(await (await fetch(url(`/media/${sha}/original`), { headers: { Cookie: cookie } })).arrayBuffer());
    expect(original.equals(fs.readFileSync(fixturePath('images', 'metapm.jpg')))).toBe(true);
    const part = await fetch(url(`/media/${sha}/original`), { headers: { Cookie: cookie, Range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${original.length}`);
    expectServedMediaHeaders(part.headers, 'image/jpeg');
    const head = await fetch(url(`/media/${sha}/original`), { method: 'HEAD', headers: { Cookie: cookie } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(original.length));
    expectServedMediaHeaders(head.headers, 'image/jpeg');
    expect(Buffer.from(await part.arrayBuffer()).equals(original.subarray(0, 4))).toBe(true);
    const tail = await fetch(url(`/media/${sha}/original`), { headers: { Cookie: cookie, Range: 'bytes=-2' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(original.subarray(-2))).toBe(true);
    expect((await fetch(url(`/media/${sha}/original`), { headers: { Cookie: cookie, Range: `bytes=${original.length}-` } })).status).toBe(416);
  });

  it('makes the preview the first time it is asked for, then serves the stored one', async () => {
    expect(fs.existsSync(path.join(core.dataDir, 'media', 'previews', sha.slice(0, 2), `${sha}.jpg`))).toBe(false);
    const first = await fetch(url(`/media/${sha}/preview`), { headers: { Cookie: cookie } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    const again = Buffer.from(await (await fetch(url(`/media/${sha}/preview`), { headers: { Cookie: cookie } })).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
  });

  it('is 404 for anything that is not a known hash and variant', async () => {
    for (const route of [`/media/${'0'.repeat(64)}/thumb`, `/media/${'0'.repeat(64)}/preview`, `/media/${sha}/raw`, `/media/${sha.toUpperCase()}/thumb`, '/media/..%2F..%2Flede.sqlite/thumb', `/media/${sha}/thumb/extra`, '/media/abc/thumb']) {
      expect((await fetch(url(route), { headers: { Cookie: cookie } })).status, route).toBe(404);
    }
  });
});

describe('POST /media/import', () => {
  const upload = (query: string, body: Buffer, headers: Record<string, string> = {}) =>
    fetch(url(`/media/import?${query}`), { method: 'POST', body, headers: { Cookie: cookie, Origin: origin, ...headers } });

  it('imports uploaded bytes into an open import and answers what became of each file', async () => {
    const { importId } = await client.call('media.importBegin', { total: 3 });
    const good = await upload(`importId=${importId}&name=exiftool-IPTC.jpg`, fs.readFileSync(fixturePath('images', 'exiftool-IPTC.jpg')));
    expect(await good.json()).toMatchObject({ ok: true, value: { status: 'imported', name: 'exiftool-IPTC.jpg', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const again = await upload(`importId=${importId}&name=same.jpg`, fs.readFileSync(fixturePath('images', 'metapm.jpg')));
    expect(await again.json()).toMatchObject({ ok: true, value: { status: 'duplicate', sha256: sha } });
    const text = await upload(`importId=${importId}&name=${encodeURIComponent('../../notes.jpg')}`, Buffer.from('not a photo'));
    expect(await text.json()).toMatchObject({ ok: true, value: { status: 'failed', name: 'notes.jpg', reason: expect.stringMatching(/text file/) } });
    const finished = client.events.filter((e) => e.event === 'media.importProgress').map((e) => e.payload as { importId: string; state: string });
    expect(finished.some((p) => p.importId === importId && p.state === 'finished')).toBe(true);
    // The import is over: more files are refused, and their bytes are not kept.
    const late = await upload(`importId=${importId}&name=late.jpg`, fs.readFileSync(fixturePath('images', 'nometa.jpg')));
    expect(late.status).toBe(404);
    expect(fs.readdirSync(core.media.incomingDir)).toEqual([]);
  });

  it('an upload cut off on the way is counted as refused, so the import finishes and says why', async () => {
    const { importId } = await client.call('media.importBegin', { total: 2 });
    // The page sends 1 kB of a declared 50 kB and the connection drops.
    await new Promise<void>((resolve) => {
      const request = http.request(url(`/media/import?importId=${importId}&name=cut.jpg`), {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin, 'Content-Length': '50000' },
      });
      request.on('error', () => resolve());
      request.write(Buffer.alloc(1024), () => {
        request.destroy();
        resolve();
      });
    });
    const good = await upload(`importId=${importId}&name=nometa.jpg`, fs.readFileSync(fixturePath('images', 'nometa.jpg')));
    expect(await good.json()).toMatchObject({ ok: true });
    expect(core.internals.media.importer.progress(importId)).toMatchObject({ state: 'running', done: 1, total: 2 });
    // What the page does when its upload fails: tells core which file and why.
    expect(await client.call('media.importUnsent', { importId, name: 'Card 1/cut.jpg', reason: 'The upload did not get through (network error).' })).toEqual({ recorded: true });
    expect(core.internals.media.importer.progress(importId)).toMatchObject({
      state: 'finished',
      done: 2,
      failed: 1,
      errors: [{ file: 'Card 1/cut.jpg', reason: 'The upload did not get through (network error).' }],
    });
    // Once over, nothing more is counted; nor for an import that is not an upload.
    expect(await client.call('media.importUnsent', { importId, name: 'late.jpg', reason: 'late' })).toEqual({ recorded: false });
    const pathImport = core.media.importPaths([fixturePath('images', 'nometa.jpg')]);
    expect(await client.call('media.importUnsent', { importId: pathImport, name: 'x.jpg', reason: 'x' })).toEqual({ recorded: false });
    await waitFor(() => fs.readdirSync(core.media.incomingDir).length === 0, 5000, 'the cut upload’s bytes to be removed');
  });

  it('refuses uploads without the cookie, from another Origin, too large, or without an import', async () => {
    const body = Buffer.from('x');
    expect((await fetch(url('/media/import?importId=a&name=b.jpg'), { method: 'POST', body, headers: { Origin: origin } })).status).toBe(401);
    expect((await upload('importId=a&name=b.jpg', body, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload('name=b.jpg', body)).status).toBe(400);
    expect((await upload('importId=nope&name=b.jpg', body)).status).toBe(404);
    const tooLarge = await new Promise<number>((resolve, reject) => {
      const request = http.request(url('/media/import?importId=a&name=huge.jpg'), {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin, 'Content-Length': String(MAX_UPLOAD_BYTES + 1) },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('error', reject);
      request.write(Buffer.alloc(1024));
    });
    expect(tooLarge).toBe(413);
  });
});
