import { describe, expect, it } from 'vitest';
import { connect, openTestCore } from '../../helpers/core';
import { addParagraph, closeAfterEach, hasStory, openSyncedClient, waitSynced, waitUntil } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';

const { clients, servers } = closeAfterEach();

describe('a story’s audit trail through core', () => {
  it('an editor reads who changed the story; a reporter and a signed-out laptop get a reason; a server that is gone too', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const editor = await openSyncedClient(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
    const reporter = await openSyncedClient(server, await server.addUser('Richard Connor', 'reporter'), 'Richard Connor');
    clients.push(editor, reporter);

    const { id } = await reporter.client.call('article.create', {});
    await addParagraph(reporter.client, id, 'Written by the reporter.');
    await waitSynced(reporter);
    await waitUntil(() => hasStory(editor.core, id), 'the story on the editor’s laptop');
    await waitUntil(async () => (await editor.client.call('library.list', {})).items.some((item) => item.id === id), 'the story in the editor’s library');
    await editor.client.call('article.setStatus', { id, to: 'in_edit' });
    await waitSynced(editor);

    const trail = await editor.client.call('article.auditTrail', { id });
    expect(trail).toMatchObject({ available: true, capped: false });
    if (!trail.available) throw new Error('unreachable');
    expect(trail.entries.map((entry) => [entry.account, entry.kind, entry.from, entry.to])).toEqual(
      expect.arrayContaining([
        ['Richard Connor', 'edit', null, null],
        ['Wesley Rahn', 'status', 'draft', 'in_edit'],
      ]),
    );
    expect(await reporter.client.call('article.auditTrail', { id })).toMatchObject({ available: false, reason: 'not_allowed' });

    const alone = openTestCore();
    const aloneClient = connect(alone);
    clients.push({ core: alone, client: aloneClient, name: 'alone' });
    await aloneClient.call('profile.set', { name: 'Someone', role: 'editor' });
    const { id: local } = await aloneClient.call('article.create', {});
    expect(await aloneClient.call('article.auditTrail', { id: local })).toMatchObject({ available: false, reason: 'signed_out' });
    await expect(aloneClient.call('article.auditTrail', { id: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/not_found/);

    await server.stop();
    expect(await editor.client.call('article.auditTrail', { id })).toMatchObject({ available: false, reason: 'unreachable' });
  }, 60_000);
});
