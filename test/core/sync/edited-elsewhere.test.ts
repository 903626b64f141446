import { describe, expect, it, vi } from 'vitest';
import { articleDocName } from '../../../shared/documents/article-kind';
import { articleParts } from '../../../shared/article-doc';
import { openStory } from '../../helpers/core';
import { startSyncServerProcess } from '../../helpers/sync-server-process';
import { closeAfterEach, hasStory, openSyncedClient, storyContent, waitSynced, waitUntil } from '../../helpers/sync';

const { clients, servers } = closeAfterEach();

/**
 * ADR 0069: a story this laptop has, typed into on another laptop, stays
 * attached while that goes on, so each word arrives as one small change
 * instead of attaching the whole story again (its state read from disk).
 */
describe('a story edited on another laptop', () => {
  it('is attached once for a run of changes, and has every one of them', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const a = await openSyncedClient(server, token, 'A');
    const b = await openSyncedClient(server, token, 'B');
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    const story = await openStory(a.client, id);
    await waitSynced(a);
    await waitUntil(() => hasStory(b.core, id) && b.core.internals.sync.isSettled(), 'the story on B');

    // From here B has it: every later attach reads its state from B's disk.
    const attachedFromDisk = vi.spyOn(b.core.internals.docs, 'encodeState');
    for (let word = 0; word < 6; word++) {
      await story.edit((doc) => articleParts(doc).headline.insert(articleParts(doc).headline.length, `word${word} `));
      await waitSynced(a);
      await waitUntil(() => storyContent(b.core, id).fields.headline.includes(`word${word}`), `word ${word} on B`);
    }
    expect(attachedFromDisk.mock.calls.filter(([docId]) => docId === articleDocName(id))).toHaveLength(1);
    expect(storyContent(b.core, id)).toEqual(storyContent(a.core, id));
  });
});
