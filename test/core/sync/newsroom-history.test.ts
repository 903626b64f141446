import { describe, expect, it } from 'vitest';
import { articleParts } from '../../../shared/article-doc';
import type { CoreOptions } from '../../../electron/core/core';
import { CHECKS_OFF, connect, openStory, openTestCore } from '../../helpers/core';
import { addParagraph, closeAfterEach, hasStory, openSyncedClient, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';

const opened = closeAfterEach();

/** Checkpoints go to the server right after they are taken, and unsent ones are retried often. */
const SHARING: Partial<CoreOptions> = { historySendDelayMs: 10, historyRetryMs: 200 };

async function laptop(server: { url: string }, token: string, name: string): Promise<SyncedClient> {
  const client = await openSyncedClient(server, token, name, SHARING);
  opened.clients.push(client);
  await client.client.call('config.set', { workflowRules: CHECKS_OFF });
  return client;
}

async function setHeadline(client: SyncedClient, id: string, headline: string): Promise<void> {
  const story = await openStory(client.client, id);
  await story.edit((doc) => {
    const text = articleParts(doc).headline;
    text.delete(0, text.length);
    text.insert(0, headline);
  });
  await client.client.call('article.close', { id });
}

describe('the newsroom’s history of a story, across laptops', () => {
  it('the desk sees and restores the reporter’s versions; the restore reaches the reporter’s history; a Ready story goes back to In edit', async () => {
    const server = await startSyncServerProcess();
    opened.servers.push(server);
    const reporter = await laptop(server, await server.addUser('Richard Connor', 'reporter'), 'Richard Connor');
    const desk = await laptop(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');

    const { id } = await reporter.client.call('article.create', {});
    await setHeadline(reporter, id, 'Sharaa visits Moscow');
    await addParagraph(reporter.client, id, 'The reporter’s first paragraph.');
    // On the server as a draft first: a reporter's story arrives new only as a draft (ADR 0060).
    await waitSynced(reporter);
    await reporter.client.call('article.setStatus', { id, to: 'in_edit' });
    await waitSynced(reporter);
    await waitUntil(() => hasStory(desk.core, id) && storyContent(desk.core, id).fields.status === 'in_edit', 'the story on the desk’s laptop', 15_000, () => JSON.stringify([hasStory(desk.core, id) && storyContent(desk.core, id).fields, storyContent(reporter.core, id).fields.status, desk.core.internals.sync.status(), reporter.core.internals.sync.status()]));

    // The reporter's checkpoint reaches the server shortly after it is taken.
    await waitUntil(
      async () => (await desk.client.call('article.revisions', { id })).items.some((item) => item.author === 'Richard Connor' && item.reason === 'status'),
      'the reporter’s version on the desk’s laptop',
      15_000,
      () => JSON.stringify(reporter.core.internals.revisions.list(id)),
    );
    const deskView = await desk.client.call('article.revisions', { id });
    expect(deskView.newsroom).toEqual({ included: true });
    const reportersVersion = deskView.items.find((item) => item.author === 'Richard Connor' && item.reason === 'status');
    expect(reportersVersion).toMatchObject({ detail: 'Draft → In edit', status: 'in_edit' });

    // The desk rewrites the headline and moves the story to Ready…
    await setHeadline(desk, id, 'Syria seeks new start with Russia');
    await desk.client.call('article.setStatus', { id, to: 'ready' });
    // …then restores the reporter's version, taken on the other laptop.
    const restored = await desk.client.call('article.restoreRevision', { id, revisionId: reportersVersion!.id, parts: ['headline'] });
    expect(restored.status).toBe('in_edit');
    await waitSynced(desk);
    await waitUntil(() => storyContent(reporter.core, id).fields.headline === 'Sharaa visits Moscow' && storyContent(reporter.core, id).fields.status === 'in_edit', 'the restore on the reporter’s laptop');

    // The restore and the desk's own versions are in the reporter's history, named after the desk's account.
    await waitUntil(
      async () => (await reporter.client.call('article.revisions', { id })).items.some((item) => item.author === 'Wesley Rahn' && item.reason === 'restored'),
      'the desk’s restore in the reporter’s history',
    );
    const reporterView = await reporter.client.call('article.revisions', { id });
    const restoreEntry = reporterView.items.find((item) => item.reason === 'restored')!;
    expect(restoreEntry.detail).toBe(`headline from the version of ${reportersVersion!.createdAt}`);
    expect(restoreEntry.status).toBe('in_edit');
    // One entry per checkpoint on both laptops, whoever took it: the same list, newest first.
    const keyOf = (items: typeof reporterView.items) => items.map((item) => [item.createdAt, item.author, item.reason, item.detail]);
    await waitUntil(async () => (await desk.client.call('article.revisions', { id })).items.length === reporterView.items.length, 'both histories complete');
    expect(keyOf((await desk.client.call('article.revisions', { id })).items)).toEqual(keyOf(reporterView.items));
    const createdMs = reporterView.items.map((item) => Date.parse(item.createdAt));
    expect([...createdMs].sort((a, b) => b - a)).toEqual(createdMs);
  }, 90_000);

  it('versions taken while the server is down wait on the laptop and reach it once it is back; the history says what it could not include', async () => {
    const server = await startSyncServerProcess();
    opened.servers.push(server);
    const reporter = await laptop(server, await server.addUser('Richard Connor', 'reporter'), 'Richard Connor');
    const desk = await laptop(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');

    const { id } = await reporter.client.call('article.create', {});
    await addParagraph(reporter.client, id, 'Filed before the outage.');
    await waitSynced(reporter);
    await waitUntil(() => hasStory(desk.core, id), 'the story on the desk’s laptop');

    await server.stop();
    await waitUntil(() => reporter.core.internals.sync.status().state === 'offline', 'the reporter’s laptop offline');
    await reporter.client.call('article.setStatus', { id, to: 'in_edit' });
    const offline = await reporter.client.call('article.revisions', { id });
    expect(offline.newsroom).toMatchObject({ included: false, reason: 'unreachable' });
    expect(offline.items.some((item) => item.reason === 'status')).toBe(true);
    // A story the server has never had: its versions are this laptop's only, and the history says so.
    const { id: unsent } = await reporter.client.call('article.create', {});
    expect((await reporter.client.call('article.revisions', { id: unsent })).newsroom).toMatchObject({ included: false, reason: 'not_on_server' });

    await server.restart();
    await waitSynced(reporter, 30_000);
    // Sent by the retry, without anyone opening the history on the reporter's laptop.
    await waitUntil(async () => (await desk.client.call('article.revisions', { id })).items.some((item) => item.author === 'Richard Connor' && item.reason === 'status'), 'the outage version on the desk');

    // A laptop never signed in lists its own versions and says why only those.
    const alone = openTestCore();
    opened.clients.push({ core: alone, client: connect(alone), name: 'alone' });
    const aloneClient = connect(alone);
    await aloneClient.call('profile.set', { name: 'Someone', role: 'editor' });
    const { id: local } = await aloneClient.call('article.create', {});
    expect((await aloneClient.call('article.revisions', { id: local })).newsroom).toMatchObject({ included: false, reason: 'signed_out' });
    await expect(aloneClient.call('article.revisions', { id: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/not_found/);
  }, 120_000);
});
