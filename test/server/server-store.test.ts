import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../shared/article-doc';
import { createServerLog } from '../../server/log';
import { openServerStore } from '../../server/storage/open-store';
import { SCHEMA_STEPS } from '../../server/storage/schema';
import { UserExistsError, type ServerStore } from '../../server/storage/server-store';
import { freshDatabase } from '../helpers/postgres';
import { serviceUrl } from '../helpers/sync-server-process';
import { makeTempDir } from '../helpers/temp-dir';

const log = createServerLog('error');
const pgBase = serviceUrl('LEDE_TEST_DATABASE_URL');

type Backend = { name: string; available: boolean; open(): Promise<() => Promise<ServerStore>> };
const backends: Backend[] = [
  {
    name: 'SQLite',
    available: true,
    async open() {
      const dataDir = makeTempDir('lede-server-');
      return () => openServerStore({ dataDir, log });
    },
  },
  {
    name: 'PostgreSQL',
    available: pgBase !== null,
    async open() {
      const databaseUrl = await freshDatabase(pgBase!);
      return () => openServerStore({ dataDir: makeTempDir('lede-server-'), databaseUrl, log });
    },
  },
];

const opened: ServerStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** Opens the same database twice, as two server processes would. */
async function twoProcesses(backend: Backend): Promise<[ServerStore, ServerStore]> {
  const open = await backend.open();
  const first = await open();
  const second = await open();
  opened.push(first, second);
  return [first, second];
}

function storedText(state: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return articleParts(doc).body.toString() + '|' + articleParts(doc).headline.toString();
}

describe.each(backends)('server store on $name', (backend) => {
  it.skipIf(!backend.available)('an older state never overwrites a newer one; deletions merge too', async () => {
    const [store] = await twoProcesses(backend);
    const name = `article:${randomUUID()}`;
    const doc = new Y.Doc();
    articleParts(doc).headline.insert(0, 'Moscow talks');
    const old = Y.encodeStateAsUpdate(doc);
    articleParts(doc).headline.insert(0, 'Syria: ');
    articleParts(doc).headline.delete('Syria: Moscow'.length, ' talks'.length);
    const newer = Y.encodeStateAsUpdate(doc);
    const first = await store.mergeDocument(name, 'article', newer, 1);
    const second = await store.mergeDocument(name, 'article', old, 2);
    expect(first).toMatchObject({ kind: 'stored', version: 1, changed: true });
    // The old state adds nothing: no new version, nothing written.
    expect(second).toMatchObject({ kind: 'stored', version: 1, changed: false });
    expect(storedText((await store.loadDocument(name))!.state)).toBe('|Syria: Moscow');
  });

  it.skipIf(!backend.available)('two processes saving the same story at once: every save is in the stored state', async () => {
    const [one, two] = await twoProcesses(backend);
    const name = `article:${randomUUID()}`;
    const saves = Array.from({ length: 40 }, (_, i) => {
      const doc = new Y.Doc();
      articleParts(doc).tags.push([`tag-${i}`]);
      return Y.encodeStateAsUpdate(doc);
    });
    await Promise.all(saves.map((update, i) => (i % 2 ? one : two).mergeDocument(name, 'article', update, i)));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await one.loadDocument(name))!.state!);
    expect(articleParts(doc).tags.toArray().sort()).toEqual(saves.map((_, i) => `tag-${i}`).sort());
    expect((await two.loadDocument(name))!.version).toBe(40);
  });

  it.skipIf(!backend.available)('a catalog reader following the cursor during concurrent saves misses no change', async () => {
    const [one, two] = await twoProcesses(backend);
    const names = Array.from({ length: 30 }, () => `article:${randomUUID()}`);
    const finalVersion = new Map<string, number>();
    const seen = new Map<string, number>();
    let cursor = 0;
    let writing = true;
    const reader = (async () => {
      while (writing || cursor < (await one.catalog(cursor, 1)).head) {
        const { rows } = await one.catalog(cursor, 7);
        for (const row of rows) {
          expect(row.seq).toBeGreaterThan(cursor);
          cursor = row.seq;
          seen.set(row.name, row.version);
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    await Promise.all(
      names.flatMap((name, n) =>
        [0, 1, 2].map(async (round) => {
          const doc = new Y.Doc();
          articleParts(doc).tags.push([`${n}-${round}`]);
          const outcome = await ((n + round) % 2 ? one : two).mergeDocument(name, 'article', Y.encodeStateAsUpdate(doc), Date.now());
          if (outcome.kind === 'stored') finalVersion.set(name, Math.max(finalVersion.get(name) ?? 0, outcome.version));
        }),
      ),
    );
    writing = false;
    await reader;
    for (const name of names) expect(seen.get(name), name).toBe(finalVersion.get(name));
  });

  it.skipIf(!backend.available)('accounts: a name is taken once among active accounts; revoking frees it', async () => {
    const [store] = await twoProcesses(backend);
    const user = { id: randomUUID(), name: 'Richard Connor', role: 'editor' as const, tokenHash: 'a'.repeat(64), createdMs: 1 };
    await store.addUser(user);
    await expect(store.addUser({ ...user, id: randomUUID(), tokenHash: 'b'.repeat(64) })).rejects.toBeInstanceOf(UserExistsError);
    expect(await store.activeAccounts([user.id])).toEqual(new Map([[user.id, { role: 'editor', desks: [] }]]));
    expect(await store.revokeUser('Richard Connor', 2)).toBe(true);
    expect(await store.revokeUser('Richard Connor', 3)).toBe(false);
    expect(await store.activeAccounts([user.id, 'gone'])).toEqual(new Map());
    await store.addUser({ ...user, id: randomUUID(), tokenHash: 'c'.repeat(64), createdMs: 5 });
    expect((await store.listUsers()).map((u) => u.revokedMs === null)).toEqual([false, true]);
  });

  it.skipIf(!backend.available)('the server id is made once and survives reopening', async () => {
    const [one, two] = await twoProcesses(backend);
    expect(await one.serverId()).toBe(await two.serverId());
    expect(await one.serverId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the server database from before desks (schema 1) is moved on', () => {
  const v1 = SCHEMA_STEPS[0]!;
  const user = { id: randomUUID(), name: 'Wesley Rahn', tokenHash: 'a'.repeat(64) };

  async function checkMovedOn(store: ServerStore): Promise<void> {
    opened.push(store);
    const [account] = await store.listUsers();
    expect(account).toMatchObject({ name: 'Wesley Rahn', role: 'editor', revokedMs: null });
    expect(await store.desksOf(user.id)).toEqual([]);
    expect((await store.catalog(0, 10)).rows).toEqual([expect.objectContaining({ name: 'article:old', headline: 'Old story', desk: null })]);
    expect(await store.addDesk('Politics', 1)).toBe(true);
    await store.addDeskMember('Politics', 'Wesley Rahn', 2);
    expect(await store.desksOf(user.id)).toEqual(['Politics']);
    expect(await store.setRole('Wesley Rahn', 'photo-editor')).toBe(true);
  }

  it('on SQLite', async () => {
    const dataDir = makeTempDir('lede-server-');
    const db = new Database(path.join(dataDir, 'lede-server.sqlite'));
    db.exec(v1.sqlite);
    db.prepare("INSERT INTO meta (key, value) VALUES ('server_id', 'old-server')").run();
    db.prepare('INSERT INTO users (id, name, role, token_hash, created_ms) VALUES (?, ?, ?, ?, 1)').run(user.id, user.name, 'editor', user.tokenHash);
    db.prepare("INSERT INTO documents (name, kind, state, version, headline, status, updated_ms, seq) VALUES ('article:old', 'article', NULL, 1, 'Old story', 'draft', 1, 1)").run();
    db.prepare('UPDATE catalog_head SET seq = 1').run();
    db.pragma('user_version = 1');
    db.close();
    const store = await openServerStore({ dataDir, log });
    expect(await store.serverId()).toBe('old-server');
    await checkMovedOn(store);
  });

  it.skipIf(pgBase === null)('on PostgreSQL', async () => {
    const databaseUrl = await freshDatabase(pgBase!);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(v1.postgres);
      await client.query("INSERT INTO lede_meta (key, value) VALUES ('server_id', 'old-server'), ('schema_version', '1')");
      await client.query('INSERT INTO lede_users (id, name, role, token_hash, created_ms) VALUES ($1, $2, $3, $4, 1)', [user.id, user.name, 'editor', user.tokenHash]);
      await client.query("INSERT INTO lede_documents (name, kind, state, version, headline, status, updated_ms, seq) VALUES ('article:old', 'article', NULL, 1, 'Old story', 'draft', 1, 1)");
      await client.query('UPDATE lede_catalog_head SET seq = 1');
    } finally {
      await client.end();
    }
    const store = await openServerStore({ dataDir: makeTempDir('lede-server-'), databaseUrl, log });
    expect(await store.serverId()).toBe('old-server');
    await checkMovedOn(store);
  });
});
