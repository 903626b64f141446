import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyTextChange, articleParts } from '../../../shared/article-doc';
import { articleDocName } from '../../../shared/documents/article-kind';
import { rivalsOf } from '../../../shared/field-rewrites';
import { openStory } from '../../helpers/core';
import { freshDatabase } from '../../helpers/postgres';
import { closeAfterEach, openSyncedClient, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { serviceUrl, startSyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';

const pgBase = serviceUrl('LEDE_TEST_DATABASE_URL');
const redisUrl = serviceUrl('LEDE_TEST_REDIS_URL');

const { clients, servers, proxies } = closeAfterEach();

const ORIGINAL = "Syria's new leader visits Moscow for talks with Putin";
const RICHARD = 'Syria seeks new start with Russia as Sharaa visits Kremlin';
const WESLEY = 'Al-Sharaa meets Putin in first Moscow visit';

const headlineOn = (client: SyncedClient, id: string) => {
  try {
    return storyContent(client.core, id).fields.headline;
  } catch {
    return null;
  }
};

const rivalTexts = (client: SyncedClient, id: string) => {
  const doc = client.core.internals.docs.load(articleDocName(id))!;
  try {
    return rivalsOf(doc, 'headline').map(({ rival }) => rival.text);
  } finally {
    doc.destroy();
  }
};

/**
 * ADR 0061 with several server processes: the process that receives the
 * second rewrite from its laptop has the first by then (relayed through
 * Redis, or stored), and resolves it; the other process only relays.
 */
describe.skipIf(!pgBase || !redisUrl)('concurrent offline rewrites across two server processes (PostgreSQL + Redis)', () => {
  it('rewrites that reach two processes one after the other: one whole headline on both laptops, the other as its rival', async () => {
    const env = { DATABASE_URL: await freshDatabase(pgBase!), REDIS_URL: redisUrl!, REDIS_PREFIX: `lede-test-${randomBytes(4).toString('hex')}` };
    const one = await startSyncServerProcess({ env });
    const two = await startSyncServerProcess({ env });
    servers.push(one, two);
    const netA: TcpProxy = await startTcpProxy(() => one.port);
    const netB: TcpProxy = await startTcpProxy(() => two.port);
    proxies.push(netA, netB);
    const a = await openSyncedClient(netA, await one.addUser('Richard Connor', 'editor'), 'Richard Connor');
    const b = await openSyncedClient(netB, await two.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
    clients.push(a, b);

    const { id } = await a.client.call('article.create', {});
    await (await openStory(a.client, id)).edit((doc) => articleParts(doc).headline.insert(0, ORIGINAL));
    await waitSynced(a);
    await waitUntil(() => headlineOn(b, id) === ORIGINAL, 'the story on Wesley’s laptop, through process two');
    await waitSynced(b);

    netA.cut();
    netB.cut();
    for (const client of [a, b]) await waitUntil(() => client.core.internals.sync.status().state === 'offline', `${client.name} offline`);
    await (await openStory(a.client, id)).edit((doc) => applyTextChange(articleParts(doc).headline, RICHARD));
    await (await openStory(b.client, id)).edit((doc) => applyTextChange(articleParts(doc).headline, WESLEY));
    for (const [client, net] of [[a, netA], [b, netB]] as const) {
      net.restore();
      await client.client.call('sync.retry', {});
      await waitSynced(client);
    }
    for (const client of [a, b]) {
      await waitUntil(() => rivalTexts(client, id).length === 1, `the rival on ${client.name}’s laptop`);
      expect(headlineOn(client, id)).toBe(RICHARD);
      expect(rivalTexts(client, id)).toEqual([WESLEY]);
    }
    // Resolved once, by the process that received Wesley's rewrite.
    expect(two.output()).toContain('kept one of concurrent offline rewrites');
    expect(one.output()).not.toContain('kept one of concurrent offline rewrites');
  });
});
