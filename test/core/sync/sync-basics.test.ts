import { describe, expect, it } from 'vitest';
import { startSyncServerProcess } from '../../helpers/sync-server-process';
import { addParagraph, closeAfterEach, hasStory, openSyncedClient, storyContent, waitSynced, waitUntil } from '../../helpers/sync';

const { clients, servers } = closeAfterEach();

describe('sync between two workstations', () => {
  it('a story written on one computer appears on the other', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const a = await openSyncedClient(server, token, 'A');
    const b = await openSyncedClient(server, token, 'B');
    clients.push(a, b);
    const { id } = await a.client.call('article.create', {});
    await addParagraph(a.client, id, 'Syria’s president is visiting Russia.');
    await waitSynced(a);
    await waitUntil(() => hasStory(b.core, id) && storyContent(b.core, id).text.includes('visiting Russia'), 'the story on B');
    expect(storyContent(b.core, id)).toEqual(storyContent(a.core, id));
  });
});
