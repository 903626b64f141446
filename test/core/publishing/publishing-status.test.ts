import { afterEach, describe, expect, it } from 'vitest';
import { CHECKS_OFF } from '../../helpers/core';
import { startHttpReceiver, type HttpReceiver } from '../../helpers/publish-receivers';
import { addParagraph, closeAfterEach, openSyncedClient, waitSynced, waitUntil } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';
import type { ResultOf } from '../../../shared/contract';

/**
 * Publishing through a real workstation (ADR 0071): a desk editor publishes
 * offline, nothing is sent until the change reaches the server, then the
 * server transmits it and the laptop reads, per output, what happened.
 */
const opened = closeAfterEach();
const receivers: HttpReceiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.stop();
});
const SECRET = 'a-shared-secret-of-the-cms-0001';
const SLOW = { timeout: 120_000 };

describe('a story’s publishing status on the laptop', () => {
  it('published offline: sent once the laptop syncs; a refusing output is shown with its answer and marks the story in the library', SLOW, async () => {
    const server = await startSyncServerProcess();
    opened.servers.push(server);
    await server.cli(['desk', 'add', 'Politics']);
    const site = await startHttpReceiver(SECRET);
    const wire = await startHttpReceiver(SECRET, () => ({ status: 422, body: 'dateline required' }));
    receivers.push(site, wire);
    await server.cli(['output', 'add', 'website', '--type', 'http', '--url', site.url, '--secret', SECRET]);
    await server.cli(['output', 'add', 'wire', '--type', 'http', '--url', wire.url, '--secret', SECRET]);
    const editor = await openSyncedClient(server, await server.addUser('Wesley Rahn', 'editor', ['Politics']), 'Wesley Rahn');
    opened.clients.push(editor);

    const { id } = await editor.client.call('article.create', {});
    await addParagraph(editor.client, id, 'The minister resigned on Tuesday.');
    await editor.client.call('config.set', { workflowRules: CHECKS_OFF });
    for (const to of ['in_edit', 'ready'] as const) await editor.client.call('article.setStatus', { id, to });
    await waitSynced(editor);
    expect(await editor.client.call('article.publishing', { id })).toEqual({ available: true, latestVersion: null, latestKind: null, problem: null, transmissions: [] });

    await server.stop();
    await editor.client.call('article.setStatus', { id, to: 'published' });
    expect(await editor.client.call('article.publishing', { id })).toMatchObject({ available: false, reason: 'unreachable' });
    expect(await editor.client.call('articles.publishingFailed', {})).toEqual({ ids: [] });

    await server.restart();
    await waitSynced(editor);
    let publishing: ResultOf<'article.publishing'> | null = null;
    await waitUntil(
      async () => {
        publishing = await editor.client.call('article.publishing', { id });
        return publishing.available && publishing.transmissions.length === 2 && publishing.transmissions.every((row) => row.state === 'sent' || row.state === 'refused');
      },
      'both outputs answered',
      20_000,
      () => JSON.stringify(publishing),
    );
    const answer = publishing! as Extract<ResultOf<'article.publishing'>, { available: true }>;
    expect(answer.latestVersion).toBe(1);
    const byOutput = Object.fromEntries(answer.transmissions.map((row) => [row.output, row]));
    expect(byOutput.website).toMatchObject({ state: 'sent', version: 1, attempts: 1 });
    expect(byOutput.wire).toMatchObject({ state: 'refused', answer: { status: 422, body: 'dateline required' } });
    expect(site.received).toHaveLength(1);
    expect(site.received[0]!.signatureValid).toBe(true);
    expect(site.received[0]!.body).toMatchObject({ uri: `urn:uuid:${id}`, version: '1', pubstatus: 'usable' });
    expect(await editor.client.call('articles.publishingFailed', {})).toEqual({ ids: [id] });
  });
});
