import { describe, expect, it } from 'vitest';
import { articleDocName } from '../../../shared/documents/article-kind';
import { CHECKS_OFF } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { addParagraph, closeAfterEach, openSyncedClient, storyContent, waitSynced, waitUntil } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';

/**
 * The newsroom's rules with real workstations: the role and desks come from
 * the account, and a move that was allowed on the laptop offline but is not
 * by the time it syncs is refused by the server, undone on the laptop, and
 * explained — while everything else typed offline arrives.
 */
const opened = closeAfterEach();
/** Each test starts a server and two or three workstations (one restarts the server): more than the default 30 s on a loaded machine. */
const SLOW = { timeout: 120_000 };

async function newsroom() {
  const server = await startSyncServerProcess();
  opened.servers.push(server);
  await server.cli(['desk', 'add', 'Politics']);
  await server.cli(['desk', 'add', 'Sport']);
  const rita = await openSyncedClient(server, await server.addUser('Rita Reporter', 'editor', ['Politics']), 'Rita Reporter');
  const ed = await openSyncedClient(server, await server.addUser('Ed Desk', 'editor', ['Politics']), 'Ed Desk');
  opened.clients.push(rita, ed);
  return { server, rita, ed };
}

describe('the newsroom’s rules on two laptops', () => {
  it('a publish made offline by someone who is no longer a desk editor is refused, undone and explained; the words typed offline arrive', SLOW, async () => {
    const { server, rita, ed } = await newsroom();
    const { id } = await rita.client.call('article.create', {});
    await addParagraph(rita.client, id, 'The minister resigned on Tuesday.');
    // New stories go to the account's first desk.
    expect(storyContent(rita.core, id).fields).toMatchObject({ status: 'draft' });
    expect(rita.core.internals.docs.load(articleDocName(id))!.getMap('meta').get('desk')).toBe('Politics');
    await rita.client.call('config.set', { workflowRules: CHECKS_OFF });
    for (const to of ['in_edit', 'ready'] as const) await rita.client.call('article.setStatus', { id, to });
    await waitSynced(rita);
    await waitUntil(() => ed.core.internals.docs.info(articleDocName(id)) !== undefined && storyContent(ed.core, id).fields.status === 'ready', 'the story to reach the desk');

    await server.stop();
    // Offline, still a desk editor as far as the laptop knows: a last paragraph, then publish.
    await addParagraph(rita.client, id, 'Written on the train.');
    const published = await rita.client.session.invoke('article.setStatus', { id, to: 'published' });
    expect(published).toMatchObject({ ok: true });
    // Meanwhile the newsroom makes her a reporter again.
    await server.cli(['user', 'set-role', 'Rita Reporter', '--role', 'reporter']);
    await server.restart();
    await rita.client.call('sync.retry', {});

    await waitUntil(
      async () => (await rita.client.call('sync.status', {})).refusals.length > 0,
      'the refusal to be shown',
      20_000,
      () => JSON.stringify(rita.core.internals.sync.status()),
    );
    const status = await rita.client.call('sync.status', {});
    expect(status.account).toMatchObject({ role: 'reporter', desks: ['Politics'] });
    expect(status.refusals).toEqual([
      expect.objectContaining({
        articleId: id,
        message: 'Your move to Published was refused by the newsroom: only a desk editor can publish a story; this one stays Ready.',
      }),
    ]);
    await waitSynced(rita);
    await waitUntil(() => storyContent(ed.core, id).text.includes('Written on the train.'), 'the words typed offline to reach the desk');
    expect(storyContent(ed.core, id).fields.status).toBe('ready');
    expect(storyContent(rita.core, id).fields.status).toBe('ready');
    expect(storyContent(rita.core, id).fields.publishedAt ?? null).toBeNull();
    // Now a reporter on this laptop too: core refuses the move at once, in the same words.
    const again = await rita.client.session.invoke('article.setStatus', { id, to: 'published' });
    expect(again).toEqual({ ok: false, error: { code: 'transition_refused', message: 'Only a desk editor can publish a story; this one stays Ready.' } });
    // Read, dismissed.
    expect((await rita.client.call('sync.dismissRefusal', { docId: articleDocName(id) })).refusals).toEqual([]);
  });

  it('a story moved to another desk leaves the laptops of people not on it in peace, and a reporter cannot move it back', SLOW, async () => {
    const { server, rita, ed } = await newsroom();
    const sam = await openSyncedClient(server, await server.addUser('Sam Sport', 'reporter', ['Sport']), 'Sam Sport');
    opened.clients.push(sam);
    const { id } = await ed.client.call('article.create', {});
    await addParagraph(ed.client, id, 'Transfer window closes.');
    await waitSynced(ed);
    await waitUntil(() => rita.core.internals.docs.info(articleDocName(id)) !== undefined, 'the story to reach the Politics reporter');
    expect(sam.core.internals.docs.info(articleDocName(id))).toBeUndefined();
    await ed.client.call('article.setDesk', { id, desk: 'Sport' });
    await waitUntil(() => sam.core.internals.docs.info(articleDocName(id)) !== undefined, 'the story to reach the Sport desk', 20_000);
    await waitUntil(() => storyContent(sam.core, id).text.includes('Transfer window closes.'), 'its words to reach the Sport reporter');
    const back = await sam.client.session.invoke('article.setDesk', { id, desk: 'Politics' });
    expect(back).toEqual({ ok: false, error: { code: 'transition_refused', message: 'Only a desk editor of Sport can move this story to another desk.' } });
    // Nothing is stuck: each laptop settles.
    await waitSynced(sam);
    await waitSynced(ed);
  });
});

describe('photos and the account’s role', () => {
  it('a reporter brings a photo in and it syncs; changing its caption is for photo editors, refused at once on the laptop', SLOW, async () => {
    const server = await startSyncServerProcess();
    opened.servers.push(server);
    const rita = await openSyncedClient(server, await server.addUser('Rita Reporter', 'reporter'), 'Rita Reporter');
    const pia = await openSyncedClient(server, await server.addUser('Pia Photo', 'photo-editor'), 'Pia Photo');
    opened.clients.push(rita, pia);
    const progress = await importAndWait(rita.core, rita.client, [fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg')]);
    expect(progress.imported).toBe(1);
    const [sha256] = (await rita.client.call('media.ids', {})).ids;
    await waitSynced(rita);
    const refused = await rita.client.session.invoke('media.update', { changes: [{ sha256: sha256!, fields: { caption: 'Changed by a reporter' } }] });
    expect(refused).toEqual({ ok: false, error: { code: 'read_only', message: expect.stringMatching(/Only photo editors and desk editors/) } });
    await waitUntil(async () => (await pia.client.call('media.ids', {})).ids.includes(sha256!), 'the photo to reach the photo editor', 30_000);
    expect((await pia.client.session.invoke('media.update', { changes: [{ sha256: sha256!, fields: { caption: 'Fixed by the photo desk' } }] })).ok).toBe(true);
    await waitSynced(pia);
  });
});
