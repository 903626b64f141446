import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../../../shared/article-doc';
import { openStory } from '../../helpers/core';
import { closeAfterEach, openSyncedClient, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/**
 * Two workstations, each behind its own cuttable network, on one server.
 * `serverEnv` picks the server's database (SQLite by default, PostgreSQL
 * with DATABASE_URL): the same suite runs against both.
 */
export function offlineMergeSuite(serverEnv: () => Promise<Record<string, string> | null>): void {
  const { clients, servers, proxies } = closeAfterEach();

  /** A story with a headline and two paragraphs, on both computers and stored. */
  async function sharedStory() {
    const env = await serverEnv();
    if (!env) return null;
    const server = await startSyncServerProcess({ env });
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const netA = await startTcpProxy(() => server.port);
    const netB = await startTcpProxy(() => server.port);
    proxies.push(netA, netB);
    const a = await openSyncedClient(netA, token, 'Richard Connor');
    const b = await openSyncedClient(netB, token, 'Wesley Rahn');
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    const storyA = await openStory(a.client, id);
    await storyA.edit((doc) => {
      const parts = articleParts(doc);
      parts.headline.insert(0, "Syria's new leader visits Moscow");
      parts.body.delete(0, parts.body.length);
      for (const text of ['Syria’s president is visiting Russia.', 'He wants to reset ties with Moscow.']) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        parts.body.push([paragraph]);
      }
    });
    await waitSynced(a);
    await waitUntil(() => {
      try {
        return storyContent(b.core, id).text.includes('reset ties');
      } catch {
        return false;
      }
    }, 'the story on the second computer');
    await waitSynced(b);
    const storyB = await openStory(b.client, id);
    return { a, b, netA, netB, id, storyA, storyB };
  }

  async function offline(...pairs: Array<[SyncedClient, TcpProxy]>) {
    for (const [, net] of pairs) net.cut();
    for (const [client] of pairs) {
      await waitUntil(() => client.core.internals.sync.status().state === 'offline', `${client.name} offline`);
    }
  }

  async function online(...pairs: Array<[SyncedClient, TcpProxy]>) {
    for (const [client, net] of pairs) {
      net.restore();
      // What the app does when the network comes back: try now, not at the next backoff step.
      await client.client.call('sync.retry', {});
    }
    for (const [client] of pairs) await waitSynced(client);
  }

  const paragraphText = (doc: Y.Doc, index: number) => (articleParts(doc).body.get(index) as Y.XmlElement).get(0) as Y.XmlText;

  it('different paragraphs edited offline on both computers: both edits in both copies, once', async () => {
    const setup = await sharedStory();
    if (!setup) return;
    const { a, b, netA, netB, id, storyA, storyB } = setup;
    await offline([a, netA], [b, netB]);
    await storyA.edit((doc) => paragraphText(doc, 0).insert(0, 'From the train: '));
    await storyB.edit((doc) => paragraphText(doc, 1).insert(paragraphText(doc, 1).length, ' Analysts doubt it.'));
    // Offline and honest about it: the changes wait, counted.
    const statusA = await a.client.call('sync.status', {});
    expect(statusA.state).toBe('offline');
    expect(statusA.waitingStories).toBe(1);
    await online([a, netA], [b, netB]);
    await waitUntil(() => JSON.stringify(storyContent(a.core, id)) === JSON.stringify(storyContent(b.core, id)), 'both copies equal', 15_000);
    const text = storyContent(a.core, id).text;
    expect(occurrences(text, 'From the train: ')).toBe(1);
    expect(occurrences(text, ' Analysts doubt it.')).toBe(1);
    expect(occurrences(text, 'Syria’s president is visiting Russia.')).toBe(1);
    expect(await a.client.call('sync.status', {})).toMatchObject({ waitingStories: 0, waitingPhotos: 0 });
  });

  it('the same paragraph edited offline on both computers: both insertions survive, once each', async () => {
    const setup = await sharedStory();
    if (!setup) return;
    const { a, b, netA, netB, id, storyA, storyB } = setup;
    await offline([a, netA], [b, netB]);
    await storyA.edit((doc) => paragraphText(doc, 0).insert('Syria’s president'.length, ', Ahmed al-Sharaa,'));
    await storyB.edit((doc) => paragraphText(doc, 0).insert(paragraphText(doc, 0).length - 1, ' for talks with Putin'));
    await storyB.edit((doc) => paragraphText(doc, 0).insert(0, 'MOSCOW — '));
    await online([a, netA], [b, netB]);
    await waitUntil(() => JSON.stringify(storyContent(a.core, id)) === JSON.stringify(storyContent(b.core, id)), 'both copies equal', 15_000);
    const first = storyContent(a.core, id).text.split('\n')[0]!;
    expect(first).toBe('MOSCOW — Syria’s president, Ahmed al-Sharaa, is visiting Russia for talks with Putin.');
  });

  it('both headlines edited offline: both changes in the merged headline, a deletion included', async () => {
    const setup = await sharedStory();
    if (!setup) return;
    const { a, b, netA, netB, id, storyA, storyB } = setup;
    await offline([a, netA], [b, netB]);
    // As the headline field does: the smallest change from the old text to the new.
    await storyA.edit((doc) => applyTextChange(articleParts(doc).headline, "Syria's new leader visits Moscow for talks"));
    await storyB.edit((doc) => applyTextChange(articleParts(doc).headline, "Breaking: Syria's leader visits Moscow"));
    await online([a, netA], [b, netB]);
    await waitUntil(() => storyContent(a.core, id).fields.headline === storyContent(b.core, id).fields.headline, 'headlines equal', 15_000);
    expect(storyContent(b.core, id).fields.headline).toBe("Breaking: Syria's leader visits Moscow for talks");
  });

  it('trash and restore are changes that sync; the server stores a deletion before the story counts as synced', async () => {
    const setup = await sharedStory();
    if (!setup) return;
    const { a, b, id, storyB } = setup;
    await storyB.edit((doc) => {
      const text = paragraphText(doc, 1);
      text.delete(0, text.length);
    });
    await waitSynced(b);
    // Synced means stored: the server's stored snapshot covers the deletion.
    await waitUntil(() => !storyContent(a.core, id).text.includes('reset ties'), 'the deletion on A');
    await a.client.call('article.trash', { id });
    await waitSynced(a);
    await waitUntil(() => storyContent(b.core, id).fields.trashedAt !== null, 'the trash on B');
    await b.client.call('article.restore', { id });
    await waitSynced(b);
    await waitUntil(() => storyContent(a.core, id).fields.trashedAt === null, 'the restore on A');
  });
}
