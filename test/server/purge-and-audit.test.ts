import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../shared/article-doc';
import { auditPageSchema, catalogPageSchema, CONTROL_DOC, type AuditEntry } from '../../shared/sync-protocol';
import { freshDatabase } from '../helpers/postgres';
import { rawProvider, type RawProvider } from '../helpers/raw-provider';
import { waitUntil } from '../helpers/sync';
import { serverDatabases, serviceUrl, startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';

const pgBase = serviceUrl('LEDE_TEST_DATABASE_URL');
const redisUrl = serviceUrl('LEDE_TEST_REDIS_URL');

const backends = serverDatabases();

const servers: SyncServerProcess[] = [];
const providers: RawProvider[] = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const server of servers.splice(0)) await server.stop();
});

async function call(server: SyncServerProcess, path: string, token: string | null, method = 'GET') {
  const response = await fetch(server.url + path, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
}

const purge = (server: SyncServerProcess, name: string, token: string) => call(server, `/api/documents/${encodeURIComponent(name)}`, token, 'DELETE');

async function catalogRow(server: SyncServerProcess, token: string, name: string) {
  return catalogPageSchema.parse((await call(server, '/api/catalog?since=0&limit=1000', token)).json).items.find((item) => item.id === name);
}

async function trail(server: SyncServerProcess, token: string, query: string): Promise<AuditEntry[]> {
  const answer = await call(server, `/api/audit?${query}`, token);
  expect(answer.status).toBe(200);
  return auditPageSchema.parse(answer.json).entries;
}

/** Writes into the server's copy of a story as the token's account, and waits until the server stored it (its catalog version moved). */
async function writeAs(server: SyncServerProcess, token: string, name: string, change: (doc: Y.Doc) => void): Promise<void> {
  const before = (await catalogRow(server, token, name))?.version ?? 0;
  const provider = rawProvider(server.url, token, name);
  providers.push(provider);
  await waitUntil(() => provider.events.synced > 0, 'the story synced');
  provider.doc.transact(() => change(provider.doc));
  await waitUntil(async () => ((await catalogRow(server, token, name))?.version ?? 0) > before, 'the change stored');
  provider.destroy();
}

async function newsroom(server: SyncServerProcess) {
  await server.cli(['desk', 'add', 'Politics']);
  return {
    admin: await server.addUser('Ines Admin', 'admin'),
    editor: await server.addUser('Wesley Rahn', 'editor', ['Politics']),
    reporter: await server.addUser('Richard Connor', 'reporter'),
  };
}

describe.each(backends)('recoverable purges and the audit trail on $name', (backend) => {
  it.skipIf(!backend.available)(
    'only an admin purges, only from the trash, a few an hour; restore brings it back; the trail names who did what',
    async () => {
      const server = await startSyncServerProcess({ env: await backend.env(), args: ['--max-purges-per-hour', '2'] });
      servers.push(server);
      const { admin, editor, reporter } = await newsroom(server);
      const id = randomUUID();
      const name = `article:${id}`;

      await writeAs(server, reporter, name, (doc) => {
        articleParts(doc).headline.insert(0, 'Moscow talks');
        articleParts(doc).meta.set('status', 'draft');
      });
      await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('status', 'in_edit'));

      // Not in the trash: refused even for the admin; the editor and the reporter may not purge at all.
      for (const token of [editor, reporter]) {
        const refused = await purge(server, name, token);
        expect(refused.status).toBe(403);
        expect(refused.json.error?.code).toBe('forbidden');
      }
      const untrashed = await purge(server, name, admin);
      expect(untrashed.status).toBe(400);
      expect(untrashed.json.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('move it to the trash first') });

      await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('trashedAt', '2026-12-02T10:00:00+01:00'));
      expect((await purge(server, name, admin)).status).toBe(200);
      const tombstone = await catalogRow(server, admin, name);
      expect(tombstone).toMatchObject({ deleted: true });
      // A purged story cannot be opened, nor written.
      const refusedOpen = rawProvider(server.url, editor, name);
      providers.push(refusedOpen);
      await waitUntil(() => refusedOpen.events.failed.length > 0, 'the purged story refused');
      expect(refusedOpen.events.failed).toEqual(['deleted']);

      // Back, by the bare id, with a new version; its content is there again.
      expect(await server.cli(['restore', id])).toEqual([expect.stringMatching(/^Restored article:/)]);
      const restored = await catalogRow(server, admin, name);
      expect(restored).toMatchObject({ deleted: false, headline: 'Moscow talks', status: 'in_edit' });
      expect(restored!.version).toBeGreaterThan(tombstone!.version);
      const reopened = rawProvider(server.url, editor, name);
      providers.push(reopened);
      await waitUntil(() => reopened.events.synced > 0, 'the restored story synced');
      expect(articleParts(reopened.doc).headline.toString()).toBe('Moscow talks');

      // Out of the trash, onto a desk, published: each move is read from the story before and after the store.
      await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('trashedAt', null));
      await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('desk', 'Politics'));
      await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('status', 'ready'));
      await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('status', 'published'));

      const entries = await trail(server, editor, `document=${encodeURIComponent(name)}`);
      expect(entries.map((entry) => [entry.account, entry.kind, entry.from, entry.to])).toEqual([
        ['Richard Connor', 'edit', null, null],
        ['Wesley Rahn', 'edit', null, null],
        ['Wesley Rahn', 'status', 'draft', 'in_edit'],
        ['Wesley Rahn', 'edit', null, null],
        ['Wesley Rahn', 'trash', null, '2026-12-02T10:00:00+01:00'],
        ['Ines Admin', 'purge', null, null],
        [expect.stringMatching(/^cli:/), 'restore', 'purge', null],
        ['Wesley Rahn', 'edit', null, null],
        ['Wesley Rahn', 'restore', 'trash', null],
        ['Wesley Rahn', 'edit', null, null],
        ['Wesley Rahn', 'desk', null, 'Politics'],
        ['Wesley Rahn', 'edit', null, null],
        ['Wesley Rahn', 'status', 'in_edit', 'ready'],
        ['Wesley Rahn', 'edit', null, null],
        ['Wesley Rahn', 'publish', 'ready', 'published'],
      ]);
      const table = await server.cli(['audit', '--document', name]);
      expect(table[0]).toMatch(/^TIME \(UTC\)\s+ACCOUNT\s+KIND\s+CHANGE\s+DOCUMENT$/);
      expect(table.some((line) => /Wesley Rahn\s+status\s+draft → in_edit/.test(line))).toBe(true);
      expect((await server.cli(['audit', '--account', 'Ines Admin', '--since', '2020-01-01'])).some((line) => /Ines Admin\s+purge/.test(line))).toBe(true);

      // The bound: two purges an hour per account here; the third is refused.
      const more = [randomUUID(), randomUUID()].map((other) => `article:${other}`);
      for (const other of more) {
        await writeAs(server, editor, other, (doc) => articleParts(doc).meta.set('trashedAt', '2026-12-02T11:00:00+01:00'));
      }
      expect((await purge(server, more[0]!, admin)).status).toBe(200);
      const third = await purge(server, more[1]!, admin);
      expect(third.status).toBe(429);
      expect(third.json.error?.code).toBe('rate_limited');
      expect(await catalogRow(server, admin, more[1]!)).toMatchObject({ deleted: false });
    },
    120_000,
  );

  it.skipIf(!backend.available)('a restore is refused for unknown ids, stories not purged, and after the retention (the sweep dropped the state)', async () => {
    const env = await backend.env();
    const server = await startSyncServerProcess({ env });
    servers.push(server);
    const { admin, editor } = await newsroom(server);
    const name = `article:${randomUUID()}`;
    await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('trashedAt', '2026-12-02T10:00:00+01:00'));

    await expect(server.cli(['restore', randomUUID()])).rejects.toThrow(/no document called article:/);
    await expect(server.cli(['restore', 'not-an-id'])).rejects.toThrow(/exited 2: "not-an-id" is not a document/);
    await expect(server.cli(['restore', name])).rejects.toThrow(/is not purged/);
    expect((await purge(server, name, admin)).status).toBe(200);
    // Told a retention that is over: refused, and nothing changed.
    await expect(server.cli(['restore', name, '--purge-retention-days', '0'])).rejects.toThrow(/more than 0 days ago: it can no longer be restored/);
    expect(await catalogRow(server, admin, name)).toMatchObject({ deleted: true });

    // Served with no retention, the sweep at start drops the kept state: nothing can bring it back, the tombstone stays.
    await server.stop();
    const swept = await startSyncServerProcess({ env, dataDir: server.dataDir, args: ['--purge-retention-days', '0'] });
    servers.push(swept);
    expect(((await call(swept, '/health', null)).json as { purgeRetentionDays: number }).purgeRetentionDays).toBe(0);
    await waitUntil(async () => (await swept.cli(['restore', name]).catch((error: Error) => error.message)).includes('content is gone'), 'the sweep to drop the state');
    expect(await catalogRow(swept, admin, name)).toMatchObject({ deleted: true });
  }, 90_000);

  it.skipIf(!backend.available)('the audit trail refuses readers, reporters and strangers, and garbage in its parameters', async () => {
    const server = await startSyncServerProcess({ env: await backend.env() });
    servers.push(server);
    const { admin, editor, reporter } = await newsroom(server);
    const reader = await server.addUser('Rea Der', 'reader');
    const name = `article:${randomUUID()}`;
    for (let i = 0; i < 3; i++) await writeAs(server, editor, name, (doc) => articleParts(doc).headline.insert(0, `${i}`));

    for (const token of [reporter, reader]) expect((await call(server, `/api/audit?document=${name}`, token)).json.error?.code).toBe('forbidden');
    expect((await call(server, `/api/audit?document=${name}`, null)).status).toBe(401);
    expect((await call(server, `/api/audit?document=${name}`, 'lede_wrong')).status).toBe(401);

    // A story on the Politics desk: its trail is for Politics' editors (and admins), not Sport's.
    await server.cli(['desk', 'add', 'Sport']);
    const sportEditor = await server.addUser('Sara Sport', 'editor', ['Sport']);
    const politics = `article:${randomUUID()}`;
    await writeAs(server, editor, politics, (doc) => {
      articleParts(doc).meta.set('desk', 'Politics');
      articleParts(doc).headline.insert(0, 'Cabinet reshuffle');
    });
    const elsewhere = await call(server, `/api/audit?document=${encodeURIComponent(politics)}`, sportEditor);
    expect([elsewhere.status, elsewhere.json.error?.message]).toEqual([403, expect.stringContaining('on the Politics desk')]);
    expect((await trail(server, editor, `document=${encodeURIComponent(politics)}`)).length).toBeGreaterThan(0);
    expect((await trail(server, admin, `document=${encodeURIComponent(politics)}`)).length).toBeGreaterThan(0);
    const byWesley = (account: string) => trail(server, account, 'account=Wesley%20Rahn&since=2020-01-01');
    expect((await byWesley(editor)).map((entry) => entry.document)).toContain(politics);
    expect((await byWesley(sportEditor)).map((entry) => entry.document)).not.toContain(politics);
    expect((await byWesley(sportEditor)).map((entry) => entry.document)).toContain(name);

    for (const query of [
      '',
      `document=${name}&account=Wesley%20Rahn`,
      "document=article:x'%20OR%201=1--",
      'document=%3Bdrop%20table%20audit_events',
      'account=Wesley%20Rahn&since=yesterday',
      'account=Wesley%20Rahn&since=2026-13-45',
      'account=Wesley%20Rahn&since=2026-02-30',
      'account=Wesley%20Rahn&since=2026-12-01T25:00:00Z',
      `document=${name}&since=2026-01-01`,
      `document=${name}&limit=0`,
      `document=${name}&limit=-5`,
      `document=${name}&limit=abc`,
      `document=${name}&cursor=1e400`,
      `document=${name}&order=desc`,
      'account=',
      `account=${'x'.repeat(101)}`,
      'account=Wesley%00Rahn',
    ]) {
      const refused = await call(server, `/api/audit?${query}`, admin);
      expect([query, refused.status, refused.json.error?.code]).toEqual([query, 400, 'invalid_request']);
    }
    // SQL in a name is only a name; a huge limit is capped.
    expect(await trail(server, admin, `account=${encodeURIComponent("x' OR '1'='1")}`)).toEqual([]);
    // Three changes to the first story and one to the Politics story.
    expect(await trail(server, admin, `account=${encodeURIComponent('Wesley Rahn')}&limit=99999999`)).toHaveLength(4);
    // Pages follow each other without gaps or repeats.
    const seen: number[] = [];
    let cursor: number | null = 0;
    while (cursor !== null) {
      const page = auditPageSchema.parse((await call(server, `/api/audit?document=${name}&limit=1&cursor=${cursor}`, editor)).json);
      seen.push(...page.entries.map((entry) => entry.id));
      cursor = page.cursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect(await trail(server, admin, `account=${encodeURIComponent('Wesley Rahn')}&since=2999-01-01`)).toEqual([]);
    await expect(server.cli(['audit', '--account', 'Wesley Rahn', '--since', 'last week'])).rejects.toThrow(/exited 2: --since must be an ISO 8601 date/);
    await expect(server.cli(['audit', '--document', name, '--account', 'Wesley Rahn'])).rejects.toThrow(/exited 2/);
    await expect(server.cli(['audit', '--document', name, '--limit', '100000'])).rejects.toThrow(/exited 2: --limit must be/);
  }, 90_000);
});

describe.skipIf(!pgBase || !redisUrl)('two server processes on one PostgreSQL and Redis', () => {
  it('an admin’s purge through one is seen through the other; a restore on the command line reaches both processes’ laptops', async () => {
    const env = { DATABASE_URL: await freshDatabase(pgBase!), REDIS_URL: redisUrl!, REDIS_PREFIX: `lede-test-${randomBytes(4).toString('hex')}` };
    const one = await startSyncServerProcess({ env });
    const two = await startSyncServerProcess({ env });
    servers.push(one, two);
    const { admin, editor } = await newsroom(one);
    const name = `article:${randomUUID()}`;
    await writeAs(one, editor, name, (doc) => {
      articleParts(doc).headline.insert(0, 'Across processes');
      articleParts(doc).meta.set('trashedAt', '2026-12-02T10:00:00+01:00');
    });
    const watcher = rawProvider(two.url, editor, CONTROL_DOC);
    providers.push(watcher);
    await waitUntil(() => watcher.events.synced > 0, 'the control document on process two');

    expect((await purge(one, name, admin)).status).toBe(200);
    expect(await catalogRow(two, editor, name)).toMatchObject({ deleted: true });
    const notices = () => watcher.events.stateless.map((payload) => JSON.parse(payload) as { type: string; cursor?: number }).filter((message) => message.type === 'catalog');
    await waitUntil(() => notices().length > 0, 'the purge’s catalog notice on process two');
    const afterPurge = Math.max(...notices().map((notice) => notice.cursor!));

    await one.cli(['restore', name]);
    await waitUntil(() => notices().some((notice) => notice.cursor! > afterPurge), 'the restore’s catalog notice on process two', 15_000);
    expect(await catalogRow(two, editor, name)).toMatchObject({ deleted: false, headline: 'Across processes' });
    expect((await trail(two, admin, `document=${encodeURIComponent(name)}`)).map((entry) => entry.kind)).toEqual(['edit', 'trash', 'purge', 'restore']);
  }, 90_000);
});
