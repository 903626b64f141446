import { describe, expect, it } from 'vitest';
import { addParagraph, closeAfterEach, hasStory, openSyncedClient, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';

const { clients, servers } = closeAfterEach();

const inTrash = async (laptop: SyncedClient, id: string) => (await laptop.client.call('library.list', { view: 'trash' })).items.some((item) => item.id === id);
const listed = async (laptop: SyncedClient, id: string) =>
  (await Promise.all([laptop.client.call('library.list', {}), laptop.client.call('library.list', { view: 'trash' })])).some((page) =>
    page.items.some((item) => item.id === id),
  );

describe('a purge the newsroom can undo', () => {
  it('purged by an admin: both laptops drop it from the library and keep its history; restored: it is back on both, with its history', async () => {
    const server = await startSyncServerProcess({ args: ['--purge-retention-days', '7'] });
    servers.push(server);
    const a = await openSyncedClient(server, await server.addUser('Ines Admin', 'admin'), 'Ines Admin');
    const b = await openSyncedClient(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
    clients.push(a, b);

    const { id } = await a.client.call('article.create', {});
    await addParagraph(a.client, id, 'Talks in Moscow ended without a statement.');
    await waitUntil(() => hasStory(b.core, id), 'the story on B');
    await waitSynced(a);
    // A checkpoint on each laptop: B moves it on, A moves it back.
    await waitUntil(async () => (await b.client.call('library.list', {})).items.some((item) => item.id === id), 'the story in B’s library');
    await b.client.call('article.setStatus', { id, to: 'in_edit' });
    await waitSynced(b);
    await waitUntil(async () => (await a.client.call('library.list', {})).items.some((item) => item.id === id && item.status === 'in_edit'), 'B’s move on A');
    await a.client.call('article.setStatus', { id, to: 'draft' });
    const historyA = a.core.internals.revisions.list(id).length;
    const historyB = b.core.internals.revisions.list(id).length;
    expect(historyA).toBeGreaterThan(0);
    expect(historyB).toBeGreaterThan(0);
    const keptA = a.core.internals.revisions.list(id).map((item) => item.id);
    const keptB = b.core.internals.revisions.list(id).map((item) => item.id);

    await a.client.call('article.trash', { id });
    await waitUntil(() => inTrash(b, id), 'the story in B’s trash');
    await a.client.call('article.purge', { id });
    await waitUntil(async () => !(await listed(b, id)), 'the story out of B’s library');
    expect(await listed(a, id)).toBe(false);
    // Out of the library and out of reach, but still on disk with its history on both.
    for (const [laptop, history] of [[a, historyA], [b, historyB]] as const) {
      expect(hasStory(laptop.core, id)).toBe(true);
      expect(laptop.core.internals.revisions.list(id)).toHaveLength(history);
      await expect(laptop.client.call('article.open', { id })).rejects.toThrow(/does not exist/);
      expect((await laptop.client.call('library.list', { query: 'Moscow' })).items.map((item) => item.id)).not.toContain(id);
    }

    await server.cli(['restore', id]);
    await waitUntil(() => inTrash(a, id), 'the restored story in A’s trash', 20_000);
    await waitUntil(() => inTrash(b, id), 'the restored story in B’s trash', 20_000);
    for (const [laptop, kept] of [[a, keptA], [b, keptB]] as const) {
      // Every version this laptop had is still there; the newsroom's may have joined them (ADR 0065).
      const ids = (await laptop.client.call('article.revisions', { id })).items.map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining(kept));
      await laptop.client.call('article.restore', { id });
      expect((await laptop.client.call('library.list', { query: 'Moscow' })).items.map((item) => item.id)).toContain(id);
    }
    await waitSynced(a);
    await waitSynced(b);
  }, 120_000);

  it('with no retention on the server (or past it) a tombstone removes the story for good, as before', async () => {
    const server = await startSyncServerProcess({ args: ['--purge-retention-days', '0'] });
    servers.push(server);
    const a = await openSyncedClient(server, await server.addUser('Ines Admin', 'admin'), 'Ines Admin');
    const b = await openSyncedClient(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    await waitUntil(() => hasStory(b.core, id), 'the story on B');
    await a.client.call('article.trash', { id });
    await waitUntil(() => inTrash(b, id), 'the story in B’s trash');
    await a.client.call('article.purge', { id });
    await waitUntil(() => !hasStory(b.core, id), 'the story gone from B');
    expect(b.core.internals.revisions.list(id)).toEqual([]);
  }, 60_000);

  it('an editor’s purge removes the story from that laptop only: the server refuses it, every other laptop keeps it', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const a = await openSyncedClient(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
    const b = await openSyncedClient(server, await server.addUser('Richard Connor', 'editor'), 'Richard Connor');
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    await waitUntil(() => hasStory(b.core, id), 'the story on B');
    await a.client.call('article.trash', { id });
    await waitUntil(() => inTrash(b, id), 'the story in B’s trash');
    await a.client.call('article.purge', { id });
    // Refused (forbidden), the owed tombstone is let go of.
    const owed = () => a.core.internals.db.prepare('SELECT count(*) FROM sync_purges').pluck().get() as number;
    await waitUntil(() => owed() === 0, 'A to hear the server’s answer to its purge');
    expect(hasStory(a.core, id)).toBe(false);
    expect(await inTrash(b, id)).toBe(true);
    expect(b.core.internals.sync.status().state).toBe('synced');
  }, 60_000);
});
