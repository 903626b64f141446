import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../shared/article-doc';
import { openStory } from '../helpers/core';
import { addParagraph, closeAfterEach, hasStory, openSyncedClient, storyContent, waitSynced, waitUntil } from '../helpers/sync';
import { startSyncServerProcess } from '../helpers/sync-server-process';

/**
 * The newsroom's per-document size limit (`--max-document-mb`): a change
 * that would take a story past it is refused on the server, its writer is
 * told in words, and nothing else stops: the socket, the story's earlier
 * text and every other story keep syncing.
 */
const { clients, servers } = closeAfterEach();

/** About `bytes` of text as many paragraphs, as a long paste becomes. */
function pasteOf(bytes: number, marker: string): Y.XmlElement[] {
  const line = `${marker} ${'The delegation met for a third day in the capital without agreement. '.repeat(28)}`;
  return Array.from({ length: Math.ceil(bytes / line.length) }, () => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(line)]);
    return paragraph;
  });
}

describe('the per-document size limit', () => {
  it('refuses a change past the limit and tells its writer; the earlier text and other stories still sync; shortened, it syncs', async () => {
    const server = await startSyncServerProcess({ args: ['--max-document-mb', '1'] });
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const a = await openSyncedClient(server, token, 'Richard Connor', { syncTooLargeRetryMs: 500 });
    const b = await openSyncedClient(server, token, 'Richard Connor');
    clients.push(a, b);

    const { id } = await a.client.call('article.create', {});
    await addParagraph(a.client, id, 'Before the paste.');
    await waitSynced(a);

    const story = await openStory(a.client, id);
    await story.edit((doc) => articleParts(doc).body.push(pasteOf(1.3 * 1024 * 1024, 'PASTED')));
    await waitUntil(() => a.core.internals.sync.status().error?.code === 'too_large', 'the writer to be told the story is too large', 30_000, () =>
      JSON.stringify(a.core.internals.sync.status()),
    );
    const status = a.core.internals.sync.status();
    expect(status.state).toBe('error');
    expect(status.error!.message).toBe("A story is larger than the newsroom's limit of 1 MB: the changes stay on this computer. Shorten it to sync it.");
    // Kept on the writer's computer, waiting.
    expect(storyContent(a.core, id).text).toContain('PASTED');
    expect((await a.client.call('library.list', {})).items.find((item) => item.id === id)!.sync).toBe('waiting');
    await waitUntil(() => server.output().includes('refused a change: the document would pass the size limit'), 'the server to log the refusal');

    // The same socket still carries other stories, both ways.
    const { id: other } = await a.client.call('article.create', {});
    await addParagraph(a.client, other, 'A short story that syncs.');
    await waitUntil(() => hasStory(b.core, other) && storyContent(b.core, other).text.includes('A short story that syncs.'), 'the short story on the other computer', 20_000);
    // The colleague has the story as the server stored it: before the paste.
    await waitUntil(() => hasStory(b.core, id) && storyContent(b.core, id).text.includes('Before the paste.'), 'the stored story on the other computer');
    expect(storyContent(b.core, id).text).not.toContain('PASTED');
    expect(a.core.internals.sync.status().error?.code).toBe('too_large');

    // The writer takes the paste out again: the story is small, and syncs.
    await story.edit((doc) => {
      const body = articleParts(doc).body;
      body.delete(1, body.length - 1);
    });
    await addParagraph(a.client, id, 'After the cut.');
    await waitSynced(a, 30_000);
    expect(a.core.internals.sync.status()).toMatchObject({ state: 'synced', error: null });
    await waitUntil(() => storyContent(b.core, id).text.includes('After the cut.'), 'the shortened story on the other computer');
    expect(storyContent(b.core, id).text).not.toContain('PASTED');
  }, 90_000);
});
