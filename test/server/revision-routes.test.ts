import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, readArticleFields } from '../../shared/article-doc';
import { REVISION_PAGE_MAX, revisionPageSchema, type SharedRevision } from '../../shared/revisions/newsroom-history';
import { rawProvider, type RawProvider } from '../helpers/raw-provider';
import { waitUntil } from '../helpers/sync';
import { serverDatabases, startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';

const backends = serverDatabases();

const servers: SyncServerProcess[] = [];
const providers: RawProvider[] = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const server of servers.splice(0)) await server.stop();
});

async function call(server: SyncServerProcess, path: string, token: string | null, init: { method?: string; body?: string } = {}) {
  const response = await fetch(server.url + path, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as { error?: { code: string; message: string } } & Record<string, unknown> };
}

const share = (server: SyncServerProcess, token: string | null, body: unknown) => call(server, '/api/revisions', token, { method: 'POST', body: JSON.stringify(body) });
const history = (server: SyncServerProcess, token: string | null, query: string) => call(server, `/api/revisions?${query}`, token);

function checkpoint(headline: string, overrides: Partial<SharedRevision> = {}): SharedRevision {
  return {
    key: randomBytes(16).toString('hex'),
    createdAt: '2026-12-02T01:37:56+00:00',
    reason: 'editing',
    detail: '',
    story: {
      // The defaults of an empty story, as readArticleFields gives them.
      fields: { ...readArticleFields(new Y.Doc()), headline, createdAt: '2026-12-02T01:00:00+00:00' },
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Text under ${headline}` }] }] },
    },
    ...overrides,
  };
}

/** Puts a story on the server as the token's account, on `desk` if given. */
async function storyOnServer(server: SyncServerProcess, token: string, desk: string | null): Promise<string> {
  const name = `article:${randomUUID()}`;
  const provider = rawProvider(server.url, token, name);
  providers.push(provider);
  await waitUntil(() => provider.events.synced > 0, 'the story synced');
  provider.doc.transact(() => {
    const parts = articleParts(provider.doc as Y.Doc);
    parts.headline.insert(0, 'Moscow talks');
    parts.meta.set('status', 'draft');
    if (desk) parts.meta.set('desk', desk);
  });
  await waitUntil(async () => (await history(server, token, `document=${encodeURIComponent(name)}`)).status === 200, 'the story stored');
  provider.destroy();
  return name;
}

/** Every key of the story's history, following the cursor page by page (bounded). */
async function readAll(server: SyncServerProcess, token: string, name: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = 0;
  for (let round = 0; round < 10; round++) {
    const page = revisionPageSchema.parse((await history(server, token, `document=${encodeURIComponent(name)}&cursor=${cursor}`)).json);
    expect(page.entries.length).toBeLessThanOrEqual(REVISION_PAGE_MAX);
    keys.push(...page.entries.map((entry) => entry.key));
    if (page.cursor === null) return keys;
    cursor = page.cursor;
  }
  throw new Error('the history did not end within 10 pages');
}

describe.each(backends)('the newsroom’s story history on $name', (backend) => {
  it.skipIf(!backend.available)(
    'laptops send checkpoints once each; everyone on the story’s desk reads them all, named after the account that sent them; others are refused',
    async () => {
      const server = await startSyncServerProcess({ env: await backend.env() });
      servers.push(server);
      await server.cli(['desk', 'add', 'Politics']);
      await server.cli(['desk', 'add', 'Sport']);
      const editor = await server.addUser('Wesley Rahn', 'editor', ['Politics']);
      const reporter = await server.addUser('Richard Connor', 'reporter', ['Politics']);
      const reader = await server.addUser('Rita Reader', 'reader', ['Politics']);
      const sport = await server.addUser('Sam Sport', 'editor', ['Sport']);
      const name = await storyOnServer(server, reporter, 'Politics');

      const first = checkpoint('Moscow talks');
      expect(await share(server, reporter, { document: name, revision: first })).toEqual({ status: 200, json: { stored: true } });
      // Sent again after a lost answer: stored once.
      expect(await share(server, reporter, { document: name, revision: first })).toEqual({ status: 200, json: { stored: false } });
      // The body names no author: the account does, whatever a laptop claims elsewhere.
      const second = checkpoint('Sharaa meets Putin', { reason: 'status', detail: 'Draft → In edit' });
      expect((await share(server, editor, { document: name, revision: second })).json).toEqual({ stored: true });

      const page = revisionPageSchema.parse((await history(server, reader, `document=${encodeURIComponent(name)}`)).json);
      expect(page.cursor).toBeNull();
      expect(page.entries.map((entry) => [entry.key, entry.author, entry.reason, entry.detail, entry.story.fields.headline])).toEqual([
        [first.key, 'Richard Connor', 'editing', '', 'Moscow talks'],
        [second.key, 'Wesley Rahn', 'status', 'Draft → In edit', 'Sharaa meets Putin'],
      ]);
      expect(page.entries[0]!.createdAt).toBe(first.createdAt);
      expect(page.entries[0]!.story.body).toEqual(first.story.body);

      // Reading on from a cursor gives only what is newer.
      const after = revisionPageSchema.parse((await history(server, editor, `document=${encodeURIComponent(name)}&cursor=${page.entries[0]!.id}`)).json);
      expect(after.entries.map((entry) => entry.key)).toEqual([second.key]);

      // A reader reads but does not send; another desk does neither; a stranger is not let in.
      expect((await share(server, reader, { document: name, revision: checkpoint('x') })).json.error?.code).toBe('forbidden');
      const otherDesk = await history(server, sport, `document=${encodeURIComponent(name)}`);
      expect(otherDesk.status).toBe(403);
      expect(otherDesk.json.error?.message).toContain('Politics desk');
      expect((await share(server, sport, { document: name, revision: checkpoint('x') })).status).toBe(403);
      expect((await history(server, null, `document=${encodeURIComponent(name)}`)).status).toBe(401);
      expect((await share(server, 'not-a-token', { document: name, revision: checkpoint('x') })).status).toBe(401);
    },
    60_000,
  );

  it.skipIf(!backend.available)('pages a long history, and refuses what is malformed with a reason, storing nothing', async () => {
    const server = await startSyncServerProcess({ env: await backend.env() });
    servers.push(server);
    const editor = await server.addUser('Wesley Rahn', 'editor');
    const name = await storyOnServer(server, editor, null);
    const sent: string[] = [];
    for (let i = 0; i < REVISION_PAGE_MAX + 3; i++) {
      const revision = checkpoint(`Version ${i}`);
      sent.push(revision.key);
      expect((await share(server, editor, { document: name, revision })).status).toBe(200);
    }
    expect(await readAll(server, editor, name)).toEqual(sent);

    const refusals: Array<[unknown, number]> = [
      [{ document: name }, 400],
      [{ document: name, revision: { ...checkpoint('x'), key: 'short' } }, 400],
      [{ document: name, revision: { ...checkpoint('x'), createdAt: 'yesterday' } }, 400],
      [{ document: name, revision: { ...checkpoint('x'), reason: 'deleted' } }, 400],
      [{ document: name, revision: { ...checkpoint('x'), author: 'Someone Else' } }, 400],
      [{ document: name, revision: { ...checkpoint('x'), story: { fields: {}, body: { type: 'doc' } } } }, 400],
      [{ document: 'media:abc', revision: checkpoint('x') }, 400],
      [{ document: `article:${randomUUID()}`, revision: checkpoint('x') }, 404],
    ];
    for (const [body, status] of refusals) {
      const answer = await share(server, editor, body);
      expect(answer.status, JSON.stringify(body).slice(0, 120)).toBe(status);
      expect(answer.json.error?.message.length).toBeGreaterThan(10);
    }
    const notJson = await call(server, '/api/revisions', editor, { method: 'POST', body: '{"document": ' });
    expect(notJson.status).toBe(400);
    const tooBig = await share(server, editor, { document: name, revision: checkpoint('x'.repeat(10_001)) });
    expect(tooBig.status).toBe(400);
    for (const query of [`document=${encodeURIComponent(name)}&cursor=-1`, `document=${encodeURIComponent(name)}&limit=0`, `document=${encodeURIComponent(name)}&who=me`, 'document=nonsense']) {
      expect((await history(server, editor, query)).status, query).toBe(400);
    }
    // Nothing refused was stored.
    expect(await readAll(server, editor, name)).toEqual(sent);
  }, 90_000);
});
