import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, seedArticle } from '../../../shared/article-doc';
import { describeSyncStatus } from '../../../shared/sync-status';
import { createServerLog } from '../../../server/log';
import { startSyncServer } from '../../../server/sync-server';
import { addUser } from '../../../server/users-cli';
import { connect, openStory, openTestCore } from '../../helpers/core';
import { addParagraph, closeAfterEach, hasStory, openSyncedClient, serverWithTwoEditors, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy } from '../../helpers/tcp-proxy';
import { makeTempDir } from '../../helpers/temp-dir';

const { clients, servers, inProcess, proxies } = closeAfterEach();

const pair = () => serverWithTwoEditors({ clients, servers });

const inLibrary = async (laptop: SyncedClient, id: string, view: 'active' | 'trash') =>
  (await laptop.client.call('library.list', { view })).items.some((item) => item.id === id);

describe('signing in', () => {
  it('refuses an address that answers nothing, and a wrong token, with reasons; nothing is saved', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const core = openTestCore();
    clients.push({ core, client: connect(core), name: 'x' });
    const session = core.connect(() => {});
    await session.invoke('profile.set', { name: 'Richard Connor', role: 'reporter' });
    const nothing = await session.invoke('sync.signIn', { serverUrl: 'http://127.0.0.1:9', token: 'lede_abc' });
    expect(nothing).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringContaining('could not reach') } });
    const wrong = await session.invoke('sync.signIn', { serverUrl: server.url, token: 'lede_' + 'x'.repeat(43) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const notUrl = await session.invoke('sync.signIn', { serverUrl: 'ftp://example.org', token: 'x' });
    expect(notUrl).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const empty = await session.invoke('sync.signIn', { serverUrl: ' ', token: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await session.invoke('sync.status', {})).toMatchObject({ ok: true, value: { state: 'signed_out', account: null } });
  });

  it('the account replaces the profile name; signing out stops sync and keeps every story', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const core = openTestCore();
    const client = connect(core);
    clients.push({ core, client, name: 'x' });
    await client.call('profile.set', { name: 'R. Connor', role: 'reporter' });
    await client.call('sync.signIn', { serverUrl: server.url.replace('http://', ''), token: await server.addUser('Richard Connor', 'editor') });
    expect(await client.call('profile.get', {})).toEqual({ name: 'Richard Connor', role: 'reporter' });
    const { id } = await client.call('article.create', {});
    await waitSynced({ core, client, name: 'x' });
    const out = await client.call('sync.signOut', {});
    expect(out).toMatchObject({ state: 'signed_out', account: null, lastServerUrl: server.url });
    await addParagraph(client, id, 'Written while signed out.');
    expect((await client.call('sync.status', {})).waitingStories).toBe(1);
    expect(hasStory(core, id)).toBe(true);
  });
});

describe('the library follows the newsroom', () => {
  it('a colleague’s new story arrives with library.changed and a synced badge', async () => {
    const { a, b } = await pair();
    const { id } = await a.client.call('article.create', {});
    const story = await openStory(a.client, id);
    await story.edit((doc) => articleParts(doc).headline.insert(0, 'Syria’s new leader visits Moscow'));
    await waitUntil(async () => (await b.client.call('library.list', {})).items.some((item) => item.id === id && item.headline.includes('Moscow')), 'the story in B’s library');
    expect((await b.client.call('library.list', {})).items[0]).toMatchObject({ id, sync: 'synced' });
    expect(b.client.events.some((event) => event.event === 'library.changed')).toBe(true);
  });

  it('an admin’s purge leaves a tombstone: the story leaves the other computer’s library too', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Ines Admin', 'admin');
    const a = await openSyncedClient(server, token, 'Ines Admin');
    const b = await openSyncedClient(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    await waitUntil(() => hasStory(b.core, id), 'the story on B');
    await a.client.call('article.trash', { id });
    await waitUntil(() => inLibrary(b, id, 'trash'), 'the story in B’s trash');
    await a.client.call('article.purge', { id });
    await waitUntil(async () => !(await inLibrary(b, id, 'trash')), 'the story to leave B’s library');
    const catalog = (await (await fetch(`${server.url}/api/catalog`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(catalog.items).toEqual([expect.objectContaining({ id: `article:${id}`, deleted: true })]);
  });

  it('a purge made offline is sent when back online; of a story trashed offline too, the server refuses it and the story stays in the trash', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'admin');
    const net = await startTcpProxy(() => server.port);
    proxies.push(net);
    const a = await openSyncedClient(net, token, 'Richard Connor');
    const b = await openSyncedClient(server, token, 'Richard Connor');
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    await waitUntil(() => hasStory(b.core, id), 'the story on B');
    await waitSynced(a);
    net.cut();
    await waitUntil(() => a.core.internals.sync.status().state === 'offline', 'A offline');
    await a.client.call('article.trash', { id });
    await a.client.call('article.purge', { id });
    expect(await inLibrary(a, id, 'trash')).toBe(false);
    net.restore();
    await a.client.call('sync.retry', {});
    // The server never saw it in the trash, so it refuses the purge (ADR 0059): the story is back in A's trash, and its trash reaches B.
    await waitUntil(() => inLibrary(a, id, 'trash'), 'the story back in A’s trash');
    await waitUntil(() => inLibrary(b, id, 'trash'), 'the story in B’s trash');
    await waitSynced(a);
    // Purged again, now that the server has it in the trash: gone from both libraries.
    await a.client.call('article.purge', { id });
    await waitUntil(async () => !(await inLibrary(b, id, 'trash')), 'the story to leave B’s library');
    await waitSynced(a);
    expect(await inLibrary(a, id, 'trash')).toBe(false);
  });

  it('who else has the story open: names and colours, gone when they close it', async () => {
    const { a, b } = await pair();
    const { id } = await a.client.call('article.create', {});
    await waitUntil(() => hasStory(b.core, id), 'the story on B');
    await openStory(a.client, id);
    await openStory(b.client, id);
    await waitUntil(async () => (await a.client.call('sync.presence', { id })).people.length === 1, 'B visible to A');
    expect((await a.client.call('sync.presence', { id })).people).toEqual([{ name: 'Wesley Rahn', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }]);
    expect(a.client.events.some((event) => event.event === 'sync.presence')).toBe(true);
    await b.client.call('article.close', { id });
    await waitUntil(async () => (await a.client.call('sync.presence', { id })).people.length === 0, 'B gone for A');
  });
});

describe('media metadata documents', () => {
  it('a media:<sha256> document syncs like a story, and captions typed on two computers merge', async () => {
    const { a, b } = await pair();
    const name = `media:${'c'.repeat(64)}`;
    a.core.internals.live.create(name, 'media', (doc) => doc.getText('caption').insert(0, 'The Kremlin.'));
    await waitUntil(() => b.core.internals.docs.info(name) !== undefined, 'the media document on B');
    a.core.internals.live.change(name, (doc) => doc.getText('caption').insert(0, 'Moscow: '));
    b.core.internals.live.change(name, (doc) => doc.getText('caption').insert(doc.getText('caption').length, ' Photo: Reuters'));
    const caption = (side: SyncedClient) => {
      const doc = side.core.internals.docs.load(name)!;
      const text = doc.getText('caption').toString();
      doc.destroy();
      return text;
    };
    await waitUntil(() => caption(a) === caption(b) && caption(a).includes('Moscow') && caption(a).includes('Reuters'), 'captions merged');
    expect(caption(a)).toBe('Moscow: The Kremlin. Photo: Reuters');
  });
});

describe('honest counts', () => {
  it('"waiting" counts the stories with offline changes, not the changes, compaction or not, and only "Synced" once stored', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const net = await startTcpProxy(() => server.port);
    proxies.push(net);
    const a = await openSyncedClient(net, await server.addUser('Richard Connor', 'editor'), 'Richard Connor', { compactAfterUpdates: 10 });
    clients.push(a);
    const { id } = await a.client.call('article.create', {});
    await waitSynced(a);
    net.cut();
    await waitUntil(() => a.core.internals.sync.status().state === 'offline', 'offline');
    const story = await openStory(a.client, id);
    for (let i = 0; i < 37; i++) await story.edit((doc) => articleParts(doc).teaser.insert(articleParts(doc).teaser.length, `${i} `));
    await a.client.call('article.close', { id });
    const status = await a.client.call('sync.status', {});
    expect(status).toMatchObject({ state: 'offline', waitingStories: 1, waitingPhotos: 0 });
    expect(describeSyncStatus(status)).toBe('Offline — 1 story waiting to sync');
    expect((await a.client.call('library.list', {})).items[0]!.sync).toBe('waiting');
    net.restore();
    await a.client.call('sync.retry', {});
    await waitSynced(a);
    expect(await a.client.call('sync.status', {})).toMatchObject({ state: 'synced', waitingStories: 0, waitingPhotos: 0 });
  });
});

describe('what the catalog brings', () => {
  it('stories changed within the configured days come to this computer; older ones stay on the server', async () => {
    const server = await startSyncServer({ dataDir: makeTempDir('lede-server-'), host: '127.0.0.1', port: 0, log: createServerLog('error') });
    inProcess.push(server);
    const token = (await addUser(server.store, 'Richard Connor', 'editor')).at(-1)!;
    const story = (headline: string) => {
      const doc = new Y.Doc();
      seedArticle(doc, { createdAt: '2025-01-01T00:00:00+00:00', language: 'en', headline });
      return Y.encodeStateAsUpdate(doc);
    };
    const recent = randomUUID();
    const old = randomUUID();
    await server.store.mergeDocument(`article:${recent}`, 'article', story('This week'), Date.now() - 2 * 86_400_000);
    await server.store.mergeDocument(`article:${old}`, 'article', story('Last year'), Date.now() - 400 * 86_400_000);
    const a = await openSyncedClient(server, token, 'Richard Connor');
    clients.push(a);
    await waitUntil(() => hasStory(a.core, recent), 'the recent story');
    await waitSynced(a);
    expect(hasStory(a.core, old)).toBe(false);
    // Asking for a longer window reads the catalog again and brings the old one.
    await a.client.call('sync.setOptions', { catalogDays: 3650 });
    await waitUntil(() => hasStory(a.core, old), 'the old story after widening the window');
  });
});
