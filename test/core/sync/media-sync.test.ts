import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { openStory } from '../../helpers/core';
import { folderMediaBlobs } from '../../helpers/media-blobs';
import { closeAll, openSyncedClient, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';

let clients: SyncedClient[] = [];
let servers: SyncServerProcess[] = [];
let proxies: TcpProxy[] = [];
afterEach(async () => {
  await closeAll(clients, servers);
  await Promise.all(proxies.map((proxy) => proxy.close()));
  clients = [];
  servers = [];
  proxies = [];
});

async function serverHas(server: SyncServerProcess, token: string, sha: string): Promise<boolean> {
  return (await fetch(`${server.url}/api/media/${sha}`, { method: 'HEAD', headers: { Authorization: `Bearer ${token}` } })).status === 200;
}

describe('photos in synced stories', () => {
  it('a story counts as synced only once its photo is on the server, even when the upload is cut half way', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const net = await startTcpProxy(() => server.port);
    proxies.push(net);
    const media = folderMediaBlobs();
    const photo = Buffer.alloc(400_000, 0x5a);
    photo.write('a photo of the Kremlin');
    const sha = media.add(photo);
    const a = await openSyncedClient(net, token, 'Richard Connor', { media });
    clients.push(a);
    const { id } = await a.client.call('article.create', {});
    await waitSynced(a);

    // The network drops 100 kB into the upload.
    net.cutRequestAfter(`PUT /api/media/${sha}`, 100_000);
    const story = await openStory(a.client, id);
    await story.edit((doc) => {
      const figure = new Y.XmlElement('figure');
      figure.setAttribute('media', sha);
      figure.insert(0, [new Y.XmlText('The Kremlin, seen from the river.')]);
      articleParts(doc).body.push([figure]);
    });
    await waitUntil(() => a.core.internals.sync.status().state !== 'synced', 'sync to notice the change');
    // Whatever happens meanwhile, it never says synced before the photo is there.
    const sawSyncedEarly: boolean[] = [];
    const watch = setInterval(() => void serverHas(server, token, sha).then((has) => sawSyncedEarly.push(!has && a.core.internals.sync.isSettled())), 20);
    try {
      await a.client.call('sync.retry', {});
      await waitUntil(() => serverHas(server, token, sha), 'the photo on the server', 20_000);
      await waitSynced(a);
    } finally {
      clearInterval(watch);
    }
    expect(sawSyncedEarly.includes(true)).toBe(false);
    // The cut upload was counted as a failed attempt and sent again.
    const row = a.core.internals.db.prepare('SELECT state, attempts FROM sync_media WHERE sha256 = ?').get(sha) as { state: string; attempts: number };
    expect(row.state).toBe('uploaded');
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(server.output()).toContain('an upload was cut off');
    expect((await a.client.call('library.list', {})).items[0]!.sync).toBe('synced');
  });

  it('another computer downloads the photo on demand, checked against its hash', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const mediaA = folderMediaBlobs();
    const mediaB = folderMediaBlobs();
    const sha = mediaA.add(Buffer.from('caption-worthy bytes'));
    const a = await openSyncedClient(server, token, 'Richard Connor', { media: mediaA });
    const b = await openSyncedClient(server, token, 'Richard Connor', { media: mediaB });
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    const story = await openStory(a.client, id);
    await story.edit((doc) => {
      const figure = new Y.XmlElement('figure');
      figure.setAttribute('media', sha);
      articleParts(doc).body.push([figure]);
    });
    await waitSynced(a);
    expect(mediaB.has(sha)).toBe(false);
    expect(await b.core.internals.sync.fetchMedia(sha)).toBe(true);
    expect(createHash('sha256').update(await mediaB.read(sha)).digest('hex')).toBe(sha);
    expect(await b.core.internals.sync.fetchMedia('0'.repeat(64))).toBe(false);
  });
});
