import { afterEach, describe, expect, it, vi } from 'vitest';
import { articleParts } from '../../../shared/article-doc';
import { articleDocName } from '../../../shared/documents/article-kind';
import { describeSyncStatus, type SyncStatus } from '../../../shared/sync-status';
import { isoWithOffset } from '../../../shared/time';
import { openStory } from '../../helpers/core';
import { closeAfterEach, hasStory, openSyncedClient, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy } from '../../helpers/tcp-proxy';

/**
 * Issue 18, item 5: what the sync status says is true. Two laptops through
 * core and a real server process: waiting counts stories and photos (not
 * edits), presence leaves with the connection, and "Updated" is the edit
 * time, whoever made the edit, on the laptop that received it by sync.
 */
const { clients, servers, proxies } = closeAfterEach();

afterEach(() => {
  vi.useRealTimers();
});

/** Two laptops, each behind its own cable (a TCP proxy) to one server process. */
async function twoLaptopsOnCables() {
  const server = await startSyncServerProcess();
  servers.push(server);
  const cableA = await startTcpProxy(() => server.port);
  const cableB = await startTcpProxy(() => server.port);
  proxies.push(cableA, cableB);
  const a = await openSyncedClient(cableA, await server.addUser('Richard Connor', 'editor'), 'Richard Connor');
  const b = await openSyncedClient(cableB, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
  clients.push(a, b);
  return { server, cableA, cableB, a, b };
}

const statusOf = (laptop: SyncedClient) => laptop.core.internals.sync.status();

const people = async (laptop: SyncedClient, id: string) => (await laptop.client.call('sync.presence', { id })).people.map((person) => person.name);

describe('what waits to sync', () => {
  it('counts the stories and photos with changes, apart, however many edits they hold', async () => {
    const { a, cableA } = await twoLaptopsOnCables();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await a.client.call('article.create', {})).id);
    await waitSynced(a);
    cableA.cut();
    await waitUntil(() => statusOf(a).state === 'offline', 'A offline');
    // A headline and a sentence, letter by letter: dozens of updates, one story.
    for (const id of ids) {
      const story = await openStory(a.client, id);
      for (const letter of 'Syria’s leader in Moscow') await story.edit((doc) => articleParts(doc).headline.insert(articleParts(doc).headline.length, letter));
      await a.client.call('article.close', { id });
    }
    const photos = ['d', 'e'].map((c) => `media:${c.repeat(64)}`);
    for (const name of photos) {
      a.core.internals.live.create(name, 'media', (doc) => doc.getText('caption').insert(0, 'The Kremlin.'));
      for (let i = 0; i < 5; i++) a.core.internals.live.change(name, (doc) => doc.getText('caption').insert(0, `${i} `));
    }
    const offline = await a.client.call('sync.status', {});
    expect(offline).toMatchObject({ state: 'offline', waitingStories: 3, waitingPhotos: 2, syncingStories: 0, syncingPhotos: 0 });
    expect(describeSyncStatus(offline)).toBe('Offline — 3 stories and 2 photos waiting to sync');

    // Back on the network: every status on the way says stories and photos apart, never more than there are.
    const seen: SyncStatus[] = [];
    const watch = setInterval(() => seen.push(statusOf(a)), 5);
    try {
      cableA.restore();
      await a.client.call('sync.retry', {});
      await waitSynced(a);
    } finally {
      clearInterval(watch);
    }
    for (const status of seen) {
      expect(status.syncingStories, describeSyncStatus(status)).toBeLessThanOrEqual(3);
      expect(status.syncingPhotos, describeSyncStatus(status)).toBeLessThanOrEqual(2);
      expect(status.waitingStories + status.waitingPhotos).toBeLessThanOrEqual(5);
    }
    expect(seen.some((status) => status.state === 'syncing')).toBe(true);
    expect(statusOf(a)).toMatchObject({ state: 'synced', waitingStories: 0, waitingPhotos: 0, syncingStories: 0, syncingPhotos: 0 });
  });
});

describe('who else is here', () => {
  it('clears at once when the server goes down, and when a colleague’s connection drops', async () => {
    const { server, cableA, a, b } = await twoLaptopsOnCables();
    const { id } = await a.client.call('article.create', {});
    await waitUntil(() => hasStory(b.core, id), 'the story on B');
    await openStory(a.client, id);
    await openStory(b.client, id);
    await waitUntil(async () => (await people(b, id)).includes('Richard Connor'), 'A visible to B');

    // The server is killed: B can no longer know who is there, so nobody is shown, and B's windows are told.
    const eventsBefore = b.client.events.length;
    const killedAt = Date.now();
    await server.kill();
    await waitUntil(async () => (await people(b, id)).length === 0, 'presence cleared on B when the server went down', 3000);
    expect(Date.now() - killedAt).toBeLessThan(3000);
    expect(
      b.client.events.slice(eventsBefore).some((event) => event.event === 'sync.presence' && JSON.stringify(event.payload).includes('"people":[]')),
    ).toBe(true);
    await waitUntil(async () => (await people(a, id)).length === 0, 'presence cleared on A too', 3000);

    // Back up: both laptops reconnect and see each other again.
    await server.restart();
    await waitUntil(async () => (await people(b, id)).includes('Richard Connor'), 'A visible to B again', 20_000);

    // A's cable is pulled (its core says nothing): the server drops A's connection, B stops showing A within the awareness timeout.
    cableA.cut();
    await waitUntil(async () => (await people(b, id)).length === 0, 'A gone for B after A’s connection dropped', 35_000);
    // A, offline, shows nobody either.
    await waitUntil(async () => (await people(a, id)).length === 0, 'nobody shown on A while offline', 3000);
  }, 90_000);
});

describe('"Updated" on the laptop that received the story', () => {
  it('is the last edit time written where the edit was made, and the library sorts by it', async () => {
    // Only Date is faked (and keeps running): edits minutes apart without waiting minutes.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const { a, b, cableB } = await twoLaptopsOnCables();
    const first = (await a.client.call('article.create', {})).id;
    const second = (await a.client.call('article.create', {})).id;
    await waitUntil(() => hasStory(b.core, first) && hasStory(b.core, second), 'both stories on B');
    await waitSynced(b);
    cableB.cut();
    await waitUntil(() => statusOf(b).state === 'offline', 'B offline');

    const editOnA = async (id: string, text: string) => {
      const story = await openStory(a.client, id);
      await story.edit((doc) => articleParts(doc).headline.insert(0, text));
      await a.client.call('article.close', { id });
    };
    vi.setSystemTime(Date.now() + 10 * 60_000);
    await editOnA(second, 'Edited second, ten minutes on. ');
    const secondEditedAt = isoWithOffset(Date.now());
    vi.setSystemTime(Date.now() + 10 * 60_000);
    await editOnA(first, 'Edited first, twenty minutes on. ');
    const firstEditedAt = isoWithOffset(Date.now());
    await waitSynced(a);

    // B comes back an hour later and receives both edits now.
    vi.setSystemTime(Date.now() + 60 * 60_000);
    const receivedFrom = Date.now();
    cableB.restore();
    await b.client.call('sync.retry', {});
    await waitUntil(async () => {
      const items = (await b.client.call('library.list', { sort: 'updated' })).items;
      return items.filter((item) => item.headline.startsWith('Edited')).length === 2;
    }, 'both edits on B');

    const rows = (await b.client.call('library.list', { sort: 'updated' })).items;
    expect(rows.map((row) => row.id)).toEqual([first, second]);
    const row = (id: string) => rows.find((item) => item.id === id)!;
    // To the second, as A wrote it; not B's sync time (an hour later).
    expect(Date.parse(row(first).updatedAt)).toBe(Date.parse(firstEditedAt));
    expect(Date.parse(row(second).updatedAt)).toBe(Date.parse(secondEditedAt));
    expect(Date.parse(row(first).updatedAt)).toBeLessThan(receivedFrom - 50 * 60_000);
    expect(b.core.internals.docs.info(articleDocName(first))!.updatedMs).toBeGreaterThanOrEqual(receivedFrom);
    // The story screen opens with the same time.
    const opened = await b.client.call('article.open', { id: first });
    expect(Date.parse(opened.updatedAt)).toBe(Date.parse(firstEditedAt));
    await b.client.call('article.close', { id: first });

    // An edit on B, later still, moves that story to the top on both laptops.
    vi.setSystemTime(Date.now() + 5 * 60_000);
    const story = await openStory(b.client, second);
    await story.edit((doc) => articleParts(doc).kicker.insert(0, 'Syria'));
    await b.client.call('article.close', { id: second });
    await waitSynced(b);
    await waitUntil(async () => (await a.client.call('library.list', { sort: 'updated' })).items[0]?.id === second, 'B’s edit on top on A');
    expect((await b.client.call('library.list', { sort: 'updated' })).items[0]!.id).toBe(second);
  }, 90_000);

  it('a session cannot write the edit time itself', async () => {
    const { a } = await twoLaptopsOnCables();
    const { id } = await a.client.call('article.create', {});
    const story = await openStory(a.client, id);
    await expect(story.edit((doc) => articleParts(doc).meta.set('editedAt', '2001-01-01T00:00:00+00:00'))).rejects.toThrow(/editedAt/);
    const row = (await a.client.call('library.list', {})).items.find((item) => item.id === id)!;
    expect(Date.parse(row.updatedAt)).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
  });
});
