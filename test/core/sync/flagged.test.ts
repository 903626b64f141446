import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addParagraph, closeAfterEach, openSyncedClient, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../../helpers/sync-server-process';
import { makeTempDir } from '../../helpers/temp-dir';

const { clients, servers } = closeAfterEach();

async function catalogIds(server: SyncServerProcess, token: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/catalog?since=0&limit=1000`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await response.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id);
}

async function badge(client: SyncedClient, id: string) {
  const { items } = await client.client.call('library.list', {});
  return items.find((item) => item.id === id)?.sync;
}

describe('a server that lost documents', () => {
  it('restored from an older backup: a story it once stored is flagged, never pushed, until the person decides', async () => {
    const dataDir = makeTempDir('lede-server-');
    const server = await startSyncServerProcess({ dataDir });
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    await server.stop();
    const backup = makeTempDir('lede-backup-');
    for (const file of fs.readdirSync(dataDir)) fs.cpSync(path.join(dataDir, file), path.join(backup, file), { recursive: true });
    await server.restart();

    const a = await openSyncedClient(server, token, 'Richard Connor');
    clients.push(a);
    const { id: lost } = await a.client.call('article.create', {});
    await addParagraph(a.client, lost, 'Filed before the restore.');
    await waitSynced(a);
    expect(await catalogIds(server, token)).toEqual([`article:${lost}`]);

    // IT restores last night's backup: same server, same accounts, without the story.
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.cpSync(backup, dataDir, { recursive: true });
    await server.restart();
    await addParagraph(a.client, lost, 'Written after the restore.');
    const { id: fresh } = await a.client.call('article.create', {});
    await a.client.call('sync.retry', {});

    await waitUntil(async () => (await a.client.call('sync.status', {})).flagged === 1, 'the story to be flagged');
    await waitUntil(async () => (await catalogIds(server, token)).includes(`article:${fresh}`), 'the new story to be stored');
    expect(await catalogIds(server, token)).toEqual([`article:${fresh}`]);
    expect(await badge(a, lost)).toBe('flagged');
    expect(await badge(a, fresh)).toBe('synced');
    expect(await a.client.call('sync.flagged', {})).toEqual([{ id: `article:${lost}`, articleId: lost, headline: '', localOnly: false }]);
    // Nothing of it went to the server meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await catalogIds(server, token)).not.toContain(`article:${lost}`);

    await a.client.call('sync.resolveFlag', { docId: `article:${lost}`, choice: 'upload' });
    await waitUntil(async () => (await catalogIds(server, token)).includes(`article:${lost}`), 'the story uploaded again');
    await waitSynced(a);
    expect(await badge(a, lost)).toBe('synced');
    expect((await a.client.call('sync.status', {})).flagged).toBe(0);
  });

  it('reset (a new server): after signing in again, stories stored on the old one are flagged; "keep only here" keeps them off it', async () => {
    const first = await startSyncServerProcess();
    servers.push(first);
    const a = await openSyncedClient(first, await first.addUser('Richard Connor', 'editor'), 'Richard Connor');
    clients.push(a);
    const { id } = await a.client.call('article.create', {});
    await waitSynced(a);
    const port = first.port;
    await first.stop();

    const second = await startSyncServerProcess({ port });
    servers.push(second);
    const token = await second.addUser('Richard Connor', 'editor');
    // The old token means nothing to the new server: sync stops and says so.
    await a.client.call('sync.retry', {});
    await waitUntil(async () => (await a.client.call('sync.status', {})).error?.code === 'unauthorized', 'the token to be refused');
    await a.client.call('sync.signIn', { serverUrl: second.url, token });
    await waitUntil(async () => (await a.client.call('sync.status', {})).flagged === 1, 'the story to be flagged');
    await a.client.call('sync.resolveFlag', { docId: `article:${id}`, choice: 'keep_local' });
    expect(await badge(a, id)).toBe('local_only');
    await addParagraph(a.client, id, 'Only on this computer.');
    await waitSynced(a);
    expect(await catalogIds(second, token)).toEqual([]);
  });
});
