import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { openStory } from '../../helpers/core';
import { freshDatabase } from '../../helpers/postgres';
import { closeAfterEach, hasStory, openSyncedClient, storyContent, waitSynced, waitUntil } from '../../helpers/sync';
import { serviceUrl, startSyncServerProcess } from '../../helpers/sync-server-process';

const pgBase = serviceUrl('LEDE_TEST_DATABASE_URL');
const redisUrl = serviceUrl('LEDE_TEST_REDIS_URL');

const { clients, servers } = closeAfterEach();

describe.skipIf(!pgBase || !redisUrl)('several server processes behind a load balancer (PostgreSQL + Redis)', () => {
  it('two processes serve one story to two clients: live edits cross over, both are stored once, presence too', async () => {
    const env = { DATABASE_URL: await freshDatabase(pgBase!), REDIS_URL: redisUrl!, REDIS_PREFIX: `lede-test-${randomBytes(4).toString('hex')}` };
    const one = await startSyncServerProcess({ env });
    const two = await startSyncServerProcess({ env });
    servers.push(one, two);
    expect(one.port).not.toBe(two.port);
    const token = await one.addUser('Richard Connor', 'editor');
    const other = await two.addUser('Wesley Rahn', 'editor');
    const a = await openSyncedClient(one, token, 'Richard Connor');
    const b = await openSyncedClient(two, other, 'Wesley Rahn');
    clients.push(a, b);

    // A story made through process one appears on the client of process two.
    const { id } = await a.client.call('article.create', {});
    await waitUntil(() => hasStory(b.core, id), 'the story through the other process');
    const storyA = await openStory(a.client, id);
    const storyB = await openStory(b.client, id);
    await waitUntil(async () => (await a.client.call('sync.presence', { id })).people.some((p) => p.name === 'Wesley Rahn'), 'presence across processes');

    await storyA.edit((doc) => articleParts(doc).headline.insert(0, 'Moscow talks'));
    await waitUntil(() => storyContent(b.core, id).fields.headline === 'Moscow talks', 'A’s headline live on B');
    await Promise.all([
      storyA.edit((doc) => articleParts(doc).headline.insert(0, 'Syria: ')),
      storyB.edit((doc) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Written through process two.')]);
        articleParts(doc).body.push([paragraph]);
      }),
    ]);
    await waitSynced(a);
    await waitSynced(b);
    await waitUntil(() => JSON.stringify(storyContent(a.core, id)) === JSON.stringify(storyContent(b.core, id)), 'both copies equal');
    expect(storyContent(a.core, id).fields.headline).toBe('Syria: Moscow talks');
    expect(storyContent(a.core, id).text).toContain('Written through process two.');

    // With process one gone, process two still has everything stored: the catalog row is derived from the merged story.
    await one.stop();
    const catalog = await fetch(`${two.url}/api/catalog`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await catalog.json()) as { items: Array<{ headline: string }> }).items).toEqual([expect.objectContaining({ headline: 'Syria: Moscow talks' })]);
  });
});
