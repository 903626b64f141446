import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveMediaFile } from '../../../electron/core/media/media-store';
import { articleParts } from '../../../shared/article-doc';
import { openStory } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { closeAfterEach, openSyncedClient, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy } from '../../helpers/tcp-proxy';

/**
 * Photos and sync, with the real photo desk on each computer: a story is
 * synced only once its photos are on the server; another computer gets the
 * photo's document (the desk's captions) by sync and its file on demand; two
 * computers that imported the same photo on their own end up with one set of
 * captions, not two.
 */
const { clients, servers, proxies } = closeAfterEach();

const PHOTO = () => fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg');
const PHOTO_SHA = () => createHash('sha256').update(fs.readFileSync(PHOTO())).digest('hex');

/**
 * Asks the server whether it has the file, on a connection of its own: a
 * pooled keep-alive connection can be closed by the server just as a probe
 * is written on it ("other side closed"), which says nothing about the photo.
 */
function serverHas(server: SyncServerProcess, token: string, sha: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/api/media/${sha}`, { method: 'HEAD', agent: false, headers: { Authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', reject);
    request.end();
  });
}

async function importPhoto(client: SyncedClient): Promise<string> {
  const progress = await importAndWait(client.core, client.client, [PHOTO()]);
  expect(progress.imported + progress.duplicates).toBe(1);
  return PHOTO_SHA();
}

function figureOf(sha: string, caption: string): Y.XmlElement {
  const figure = new Y.XmlElement('figure');
  figure.setAttribute('media', sha);
  figure.insert(0, [new Y.XmlText(caption)]);
  return figure;
}

describe('photos in synced stories', () => {
  it('a story counts as synced only once its photo is on the server, even when the upload is cut half way', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const net = await startTcpProxy(() => server.port);
    proxies.push(net);
    const a = await openSyncedClient(net, token, 'Richard Connor');
    clients.push(a);
    const { id } = await a.client.call('article.create', {});
    await waitSynced(a);

    // The network will drop 60 kB into the photo's upload; then the photo is imported and put in the story.
    net.cutRequestAfter(`PUT /api/media/${PHOTO_SHA()}`, 60_000);
    const sha = await importPhoto(a);
    const story = await openStory(a.client, id);
    await story.edit((doc) => articleParts(doc).body.push([figureOf(sha, 'The Kremlin, seen from the river.')]));
    await waitUntil(() => a.core.internals.sync.status().state !== 'synced', 'sync to notice the change');
    const sawSyncedEarly: boolean[] = [];
    const probes: Promise<void>[] = [];
    let probeOutcomes: PromiseSettledResult<void>[] = [];
    // "Synced" read first, the server asked after: if it said synced, the photo must already be there.
    const watch = setInterval(() => {
      const settled = a.core.internals.sync.isSettled();
      probes.push(serverHas(server, token, sha).then((has) => void sawSyncedEarly.push(settled && !has)));
    }, 20);
    try {
      await a.client.call('sync.retry', {});
      await waitUntil(() => serverHas(server, token, sha), 'the photo on the server', 20_000);
      await waitSynced(a);
    } finally {
      clearInterval(watch);
      // Every probe answered before the server is stopped.
      probeOutcomes = await Promise.allSettled(probes);
    }
    // A probe that failed fails the test with its reason.
    expect(probeOutcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(sawSyncedEarly.length).toBeGreaterThan(0);
    expect(sawSyncedEarly.includes(true)).toBe(false);
    const row = a.core.internals.db.prepare('SELECT state, attempts FROM sync_media WHERE sha256 = ?').get(sha) as { state: string; attempts: number };
    expect(row.state).toBe('uploaded');
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(server.output()).toContain('an upload was cut off');
    const stories = (await a.client.call('library.list', {})).items;
    expect(stories.find((item) => item.id === id)!.sync).toBe('synced');
  });

  it('another computer gets the photo’s captions by sync and its file on demand, checked against its hash', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const a = await openSyncedClient(server, token, 'Richard Connor');
    const b = await openSyncedClient(server, token, 'Richard Connor');
    clients.push(a, b);
    const sha = await importPhoto(a);
    await a.client.call('media.update', { changes: [{ sha256: sha, fields: { altText: 'A man at a lectern', credit: 'Desk credit' } }] });
    const { id } = await a.client.call('article.create', {});
    const story = await openStory(a.client, id);
    await story.edit((doc) => articleParts(doc).body.push([figureOf(sha, 'A caption')]));
    await waitSynced(a);

    // B knows the photo (its document came by sync) before it has the file.
    await waitUntil(async () => (await b.client.call('media.get', { sha256s: [sha] })).items.length === 1, 'the photo row on B');
    expect(b.core.internals.media.library.get([sha])[0]!.fields).toMatchObject({ altText: 'A man at a lectern', credit: 'Desk credit' });
    expect(await resolveMediaFile(b.core.dataDir, sha, 'original')).toBeNull();
    // Shown in B's story: the original is downloaded and its preview made.
    expect(await b.core.media.ensureFile(sha, 'preview')).toBe(true);
    for (const variant of ['original', 'thumb', 'preview'] as const) expect(await resolveMediaFile(b.core.dataDir, sha, variant)).not.toBeNull();
    // Downloaded through the import pipeline: the file, its thumbnail, and the desk's edits kept.
    const stored = (await b.client.call('media.get', { sha256s: [sha] })).items[0]!;
    expect(stored.fields).toMatchObject({ altText: 'A man at a lectern', credit: 'Desk credit' });
    expect(stored.width).toBeGreaterThan(0);
    expect(await b.core.media.ensureFile('0'.repeat(64), 'thumb')).toBe(false);
  });

  it('two computers that imported the same photo on their own end up with its captions once', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const a = await openSyncedClient(server, token, 'Richard Connor');
    const b = await openSyncedClient(server, token, 'Richard Connor');
    clients.push(a, b);
    const sha = await importPhoto(a);
    await importPhoto(b);
    const original = a.core.internals.media.library.get([sha])[0]!.fields;
    expect(original.caption.length).toBeGreaterThan(10);
    // Both photo documents have met: each computer has everything the other wrote.
    // Whether B wrote a seed of its own depends on a race this test does not
    // control (A's document may reach B before B's import finishes; B then
    // keeps it and writes nothing): so wait for equal documents, not for a
    // number of writers. media-import-orderings.test.ts drives each ordering.
    const stateVector = (client: SyncedClient) => {
      const doc = client.core.internals.docs.load(`media:${sha}`)!;
      try {
        return Buffer.from(Y.encodeStateVector(doc)).toString('base64');
      } finally {
        doc.destroy();
      }
    };
    await waitSynced(a);
    await waitSynced(b);
    await waitUntil(() => stateVector(a) === stateVector(b), 'the two photo documents to merge');
    for (const client of [a, b]) {
      const fields = client.core.internals.media.library.get([sha])[0]!.fields;
      expect(fields.caption).toBe(original.caption);
      expect(fields.keywords).toEqual(original.keywords);
      expect(fields.creators).toEqual(original.creators);
    }
  });
});
