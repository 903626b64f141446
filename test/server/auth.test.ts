import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleParts } from '../../shared/article-doc';
import { rawProvider, type RawProvider } from '../helpers/raw-provider';
import { waitUntil } from '../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';

let server: SyncServerProcess;
let editor: string;
let reader: string;
const open: RawProvider[] = [];
const SECRET = 'Embargoed until 18:00: the minister resigns.';

function connectTo(token: string, name: string): RawProvider {
  const provider = rawProvider(server.url, token, name);
  open.push(provider);
  return provider;
}

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('Authorization', `Bearer ${init.token}`);
  const response = await fetch(server.url + path, { ...init, headers });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as { error?: { code: string; message: string } }) : null };
}

const doc = `article:${randomUUID()}`;

beforeAll(async () => {
  server = await startSyncServerProcess();
  editor = await server.addUser('Wesley Rahn', 'editor');
  reader = await server.addUser('Guest Reader', 'reader');
  // A story with something in it that must not leak.
  const writer = connectTo(editor, doc);
  await waitUntil(() => writer.events.synced > 0, 'the editor to sync');
  articleParts(writer.doc).headline.insert(0, SECRET);
  await waitUntil(() => writer.events.stateless.some((m) => m.includes('"version":1')), 'the story to be stored');
});

afterAll(async () => {
  for (const provider of open) provider.destroy();
  await server.stop();
});

describe('accounts on the WebSocket', () => {
  it.each([
    ['no token', ''],
    ['a wrong token', 'lede_' + 'x'.repeat(43)],
    ['garbage as a token', '"; DROP TABLE users; --'],
  ])('%s: the document is refused and nothing of it arrives', async (_label, token) => {
    const stranger = connectTo(token, doc);
    await waitUntil(() => stranger.events.failed.length > 0, 'the refusal');
    expect(stranger.events.failed[0]).toBe('unauthorized');
    expect(stranger.events.authenticated).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(articleParts(stranger.doc).headline.toString()).toBe('');
    expect(stranger.events.stateless).toEqual([]);
  });

  it('a name that is not a Lede document is refused, even with a good token', async () => {
    const odd = connectTo(editor, '../../etc/passwd');
    await waitUntil(() => odd.events.failed.length > 0, 'the refusal');
    expect(odd.events.failed[0]).toBe('invalid-document-name');
  });

  it('a reader sees the story but cannot change it: the change is refused and reaches nobody', async () => {
    const watcher = connectTo(editor, doc);
    const guest = connectTo(reader, doc);
    await waitUntil(() => guest.events.synced > 0 && watcher.events.synced > 0, 'both to sync');
    expect(articleParts(guest.doc).headline.toString()).toBe(SECRET);
    articleParts(guest.doc).teaser.insert(0, 'Written by a reader');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(articleParts(watcher.doc).teaser.toString()).toBe('');
    // A fresh look at the server's stored copy does not have it either.
    const fresh = connectTo(editor, doc);
    await waitUntil(() => fresh.events.synced > 0, 'a fresh copy');
    expect(articleParts(fresh.doc).teaser.toString()).toBe('');
  });

  it('a revoked token is cut off while connected, and refused when it comes back', async () => {
    const doomedToken = await server.addUser('Temp Freelancer', 'editor');
    const doomed = connectTo(doomedToken, doc);
    const watcher = connectTo(editor, doc);
    await waitUntil(() => doomed.events.synced > 0 && watcher.events.synced > 0, 'both to sync');
    await server.revokeUser('Temp Freelancer');
    await waitUntil(() => doomed.events.disconnected > 0, 'the revoked connection to be cut', 10_000);
    // Its provider reconnects by itself: the server refuses it now.
    await waitUntil(() => doomed.events.failed.includes('unauthorized'), 'the refusal after reconnecting', 10_000);
    articleParts(doomed.doc).teaser.insert(0, 'Written after revocation');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(articleParts(watcher.doc).teaser.toString()).not.toContain('revocation');
    const http = await call('/api/catalog', { token: doomedToken });
    expect(http.status).toBe(401);
  });
});

describe('accounts on HTTP', () => {
  it.each(['/api/me', '/api/catalog', `/api/media/${'a'.repeat(64)}`])('%s without a token is 401 JSON with a code, and says nothing else', async (path) => {
    for (const token of [undefined, 'lede_wrong', '']) {
      const result = await call(path, { token });
      expect(result.status).toBe(401);
      expect(result.json?.error?.code).toBe('unauthorized');
      expect(result.text).not.toContain('minister');
    }
  });

  it('/health needs no token and tells only the server id, protocol and purge retention', async () => {
    const result = await call('/health');
    expect(result.status).toBe(200);
    expect(Object.keys(result.json!).sort()).toEqual(['ok', 'protocol', 'purgeRetentionDays', 'serverId']);
  });

  it('a reader may read the catalog but not upload media or purge', async () => {
    expect((await call('/api/catalog', { token: reader })).status).toBe(200);
    const put = await call(`/api/media/${'b'.repeat(64)}`, { method: 'PUT', token: reader, body: 'bytes' });
    expect(put.status).toBe(403);
    expect(put.json?.error?.code).toBe('forbidden');
    const purge = await call(`/api/documents/${encodeURIComponent(doc)}`, { method: 'DELETE', token: reader });
    expect(purge.status).toBe(403);
    expect((await call('/api/catalog', { token: editor })).json).toMatchObject({ items: [{ id: doc, deleted: false }] });
  });

  it('the token is never written to the server log', async () => {
    expect(server.output()).not.toContain(editor);
    expect(server.output()).not.toContain(reader);
  });
});

describe('garbage on the socket', () => {
  it('random bytes close that socket only; the server keeps serving', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/sync');
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01, 0x02, 0x03]));
    expect(await closed).toBeGreaterThan(1000);
    const healthy = connectTo(editor, doc);
    await waitUntil(() => healthy.events.synced > 0, 'a new client to sync');
    expect(articleParts(healthy.doc).headline.toString()).toBe(SECRET);
  });
});
