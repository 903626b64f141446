import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../shared/article-doc';
import { catalogPageSchema } from '../../shared/sync-protocol';
import { createServerLog } from '../../server/log';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { addUser } from '../../server/users-cli';
import { makeTempDir } from '../helpers/temp-dir';

let server: SyncServer;
let token: string;
let adminToken: string;
const MAX_MEDIA = 64 * 1024;

beforeAll(async () => {
  server = await startSyncServer({ dataDir: makeTempDir('lede-server-'), host: '127.0.0.1', port: 0, log: createServerLog('error'), maxMediaBytes: MAX_MEDIA });
  token = (await addUser(server.store, 'Wesley Rahn', 'editor')).at(-1)!;
  adminToken = (await addUser(server.store, 'Ines Admin', 'admin')).at(-1)!;
});
afterAll(() => server.close());

async function call(path: string, init: RequestInit & { as?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${init.as ?? token}`);
  const response = await fetch(server.url + path, { ...init, headers });
  const body = Buffer.from(await response.arrayBuffer());
  let json: unknown = null;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    json = null;
  }
  return { status: response.status, body, json: json as { error?: { code: string; message: string } } & Record<string, unknown> };
}

async function storeStory(headline: string, trashedAt: string | null = null): Promise<string> {
  const name = `article:${randomUUID()}`;
  const doc = new Y.Doc();
  articleParts(doc).headline.insert(0, headline);
  articleParts(doc).meta.set('status', 'draft');
  if (trashedAt) articleParts(doc).meta.set('trashedAt', trashedAt);
  await server.store.mergeDocument(name, 'article', Y.encodeStateAsUpdate(doc), Date.now());
  return name;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('catalog', () => {
  it('lists changes since a cursor, page by page, each once, in change order', async () => {
    const start = catalogPageSchema.parse((await call('/api/catalog?since=0&limit=1000')).json).cursor;
    const names = [];
    for (let i = 0; i < 7; i++) names.push(await storeStory(`Story ${i}`));
    const seen: string[] = [];
    let cursor = start;
    for (;;) {
      const page = catalogPageSchema.parse((await call(`/api/catalog?since=${cursor}&limit=3`)).json);
      seen.push(...page.items.map((item) => item.id));
      if (page.items.length === 0) break;
      expect(page.cursor).toBeGreaterThan(cursor);
      cursor = page.cursor;
    }
    expect(seen).toEqual(names);
    const again = catalogPageSchema.parse((await call(`/api/catalog?since=${cursor}`)).json);
    expect(again).toEqual({ items: [], cursor });
  });

  it('a row carries the headline and status derived from the stored story, and its kind', async () => {
    const name = await storeStory('Syria’s new leader visits Moscow');
    const { items } = catalogPageSchema.parse((await call('/api/catalog?since=0&limit=1000')).json);
    expect(items.find((item) => item.id === name)).toMatchObject({ kind: 'article', headline: 'Syria’s new leader visits Moscow', status: 'draft', deleted: false, version: 1 });
  });

  it('a purge leaves a tombstone that comes after the story in the catalog, and the lookup says deleted', async () => {
    const name = await storeStory('To be purged', '2026-12-02T10:00:00+01:00');
    const before = catalogPageSchema.parse((await call('/api/catalog?since=0&limit=1000')).json).cursor;
    expect((await call(`/api/documents/${encodeURIComponent(name)}`, { method: 'DELETE', as: adminToken })).status).toBe(200);
    const after = catalogPageSchema.parse((await call(`/api/catalog?since=${before}`)).json);
    expect(after.items).toEqual([expect.objectContaining({ id: name, deleted: true })]);
    const lookup = await call('/api/catalog/lookup', { method: 'POST', body: JSON.stringify({ ids: [name, `article:${randomUUID()}`] }) });
    expect((lookup.json as unknown as { items: unknown[] }).items).toEqual([expect.objectContaining({ id: name, deleted: true })]);
    // Its stored state is out of reach (kept only for a restore), and a late save cannot bring it back.
    expect(await server.store.loadDocument(name)).toMatchObject({ state: null, deleted: true });
    expect(await server.store.mergeDocument(name, 'article', Y.encodeStateAsUpdate(new Y.Doc()), Date.now())).toEqual({ kind: 'deleted' });
    expect((await call(`/api/documents/${encodeURIComponent(`article:${randomUUID()}`)}`, { method: 'DELETE', as: adminToken })).status).toBe(404);
  });

  it('a cursor beyond the server\'s newest change comes back lower (the server was restored)', async () => {
    const page = catalogPageSchema.parse((await call('/api/catalog?since=999999')).json);
    expect(page.items).toEqual([]);
    expect(page.cursor).toBeLessThan(999999);
  });

  it.each([
    ['since=-1', 'invalid_request', 400],
    ['since=abc', 'invalid_request', 400],
    ['limit=0', 'invalid_request', 400],
    ['since=1e400', 'invalid_request', 400],
  ])('bad parameters (%s) are refused with a code', async (query, code, status) => {
    const result = await call(`/api/catalog?${query}`);
    expect(result.status).toBe(status);
    expect(result.json.error?.code).toBe(code);
  });

  it('a lookup body that is not JSON, too long, or the wrong shape is refused', async () => {
    expect((await call('/api/catalog/lookup', { method: 'POST', body: '{not json' })).json.error?.code).toBe('invalid_request');
    expect((await call('/api/catalog/lookup', { method: 'POST', body: JSON.stringify({ ids: 'x' }) })).json.error?.code).toBe('invalid_request');
    const huge = await call('/api/catalog/lookup', { method: 'POST', body: JSON.stringify({ ids: ['x'.repeat(2 * 1024 * 1024)] }) });
    expect(huge.status).toBe(413);
    expect(huge.json.error?.code).toBe('too_large');
  });
});

describe('media', () => {
  const photo = Buffer.from('JPEG bytes of a photo from Moscow '.repeat(100));

  it('PUT stores a file under its hash, GET returns the same bytes, a second PUT is a no-op', async () => {
    const hash = sha(photo);
    expect((await call(`/api/media/${hash}`, { method: 'HEAD' })).status).toBe(404);
    expect((await call(`/api/media/${hash}`, { method: 'PUT', body: photo })).status).toBe(201);
    expect((await call(`/api/media/${hash}`, { method: 'PUT', body: photo })).status).toBe(200);
    expect((await call(`/api/media/${hash}`, { method: 'HEAD' })).status).toBe(200);
    const back = await call(`/api/media/${hash}`);
    expect(back.status).toBe(200);
    expect(sha(back.body)).toBe(hash);
  });

  it('bytes that do not match their hash are refused and nothing is stored', async () => {
    const claimed = sha(Buffer.from('something else'));
    const result = await call(`/api/media/${claimed}`, { method: 'PUT', body: photo });
    expect(result.status).toBe(422);
    expect(result.json.error?.code).toBe('hash_mismatch');
    expect((await call(`/api/media/${claimed}`)).status).toBe(404);
  });

  it('a file over the limit is refused, declared or streamed, and nothing is stored', async () => {
    const big = Buffer.alloc(MAX_MEDIA + 1, 7);
    const declared = await call(`/api/media/${sha(big)}`, { method: 'PUT', body: big });
    expect(declared.status).toBe(413);
    expect(declared.json.error?.code).toBe('too_large');
    // Without a Content-Length (chunked), the server counts as it reads.
    const streamed = await rawPut(sha(big), [big.subarray(0, 40_000), big.subarray(40_000)]);
    expect(streamed.status).toBe(413);
    expect((await call(`/api/media/${sha(big)}`, { method: 'HEAD' })).status).toBe(404);
  });

  it('an upload cut off half way stores nothing; sending it again works', async () => {
    const file = Buffer.alloc(50_000, 3);
    const hash = sha(file);
    await rawPut(hash, [file.subarray(0, 20_000)], { abort: true });
    expect((await call(`/api/media/${hash}`, { method: 'HEAD' })).status).toBe(404);
    expect((await call(`/api/media/${hash}`, { method: 'PUT', body: file })).status).toBe(201);
  });

  it('a name that is not a sha256 is not a media address', async () => {
    expect((await call('/api/media/not-a-hash', { method: 'PUT', body: photo })).status).toBe(404);
    expect((await call(`/api/media/${'A'.repeat(64)}`)).status).toBe(404);
  });
});

describe('errors', () => {
  it('unknown paths and wrong methods answer JSON with a code', async () => {
    const missing = await call('/nothing/here');
    expect(missing.status).toBe(404);
    expect(missing.json.error?.code).toBe('not_found');
    const method = await call('/api/catalog', { method: 'POST', body: '{}' });
    expect(method.status).toBe(405);
    expect(method.json.error?.code).toBe('method_not_allowed');
  });

  it('the WebSocket lives at /sync only', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/elsewhere');
    const outcome = await new Promise<string>((resolve) => {
      ws.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
      ws.once('error', (error) => resolve(error.message));
    });
    expect(outcome).toContain('404');
  });
});

/** PUT with a chunked body (no Content-Length); `abort` cuts the connection after the chunks. */
function rawPut(hash: string, chunks: Buffer[], options: { abort?: boolean } = {}): Promise<{ status: number }> {
  return new Promise((resolve) => {
    const url = new URL(`${server.url}/api/media/${hash}`);
    const request = http.request({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { Authorization: `Bearer ${token}` } });
    request.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    request.on('error', () => resolve({ status: 0 }));
    for (const chunk of chunks) request.write(chunk);
    if (options.abort) setTimeout(() => request.destroy(), 100);
    else request.end();
  });
}
