import { afterEach, describe, expect, it } from 'vitest';
import { createServerLog } from '../../../server/log';
import { SqliteServerStore } from '../../../server/storage/sqlite-store';
import type { ServerStore } from '../../../server/storage/server-store';
import { startSyncServer, type SyncServer } from '../../../server/sync-server';
import { addUser } from '../../../server/users-cli';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { openStory } from '../../helpers/core';
import { addParagraph, closeAll, openSyncedClient, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { makeTempDir } from '../../helpers/temp-dir';

let clients: SyncedClient[] = [];
let server: SyncServer | null = null;
afterEach(async () => {
  await closeAll(clients);
  await server?.close();
  clients = [];
  server = null;
});

/** The server's real SQLite store, with a switch that makes every call fail as if the database were gone. */
function flakyStore(dataDir: string): { store: ServerStore; down(value: boolean): void } {
  const real = new SqliteServerStore(dataDir);
  let down = false;
  const store = new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => {
        if (down) return Promise.reject(new Error('connection to the database lost'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, down: (value) => (down = value) };
}

describe('the server’s database goes away', () => {
  it('stores wait and are retried; nothing counts as synced meanwhile; HTTP answers 503 with a code; all is stored once it is back', { timeout: 60_000 }, async () => {
    const dataDir = makeTempDir('lede-server-');
    const flaky = flakyStore(dataDir);
    const lines: string[] = [];
    server = await startSyncServer({ dataDir, host: '127.0.0.1', port: 0, log: createServerLog('info', (line) => lines.push(line)), store: flaky.store });
    const token = (await addUser(flaky.store, 'Richard Connor', 'editor')).at(-1)!;
    const a = await openSyncedClient(server, token, 'Richard Connor');
    clients.push(a);
    const { id } = await a.client.call('article.create', {});
    // Open, so its connection to the server is up when the database goes.
    const story = await openStory(a.client, id);
    await waitSynced(a);

    flaky.down(true);
    await story.edit((doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Written while the database was down.')]);
      articleParts(doc).body.push([paragraph]);
    });
    // A story opened now cannot even be attached (the server cannot check the token): it waits too.
    const { id: second } = await a.client.call('article.create', {});
    await addParagraph(a.client, second, 'Also written while it was down.');
    await waitUntil(() => lines.filter((line) => line.includes('could not store a document; will retry')).length >= 2, 'stores to fail and be retried');
    expect(a.core.internals.sync.status().state).not.toBe('synced');
    expect(a.core.internals.sync.status().waitingStories).toBe(2);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ error: { code: 'unavailable', message: expect.stringContaining('database') } });

    flaky.down(false);
    await waitSynced(a, 30_000);
    const stored = await flaky.store.loadDocument(`article:${id}`);
    expect(stored?.version).toBeGreaterThanOrEqual(2);
    expect(storyContent(a.core, id).text).toContain('Written while the database was down.');
    expect((await flaky.store.loadDocument(`article:${second}`))?.version).toBeGreaterThanOrEqual(1);
  });
});
