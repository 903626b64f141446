import { articleDocName } from '../../../shared/documents/article-kind';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { articleParts, readArticleFields } from '../../../shared/article-doc';
import type { Core } from '../../../electron/core/core';
import { dataPaths } from '../../../electron/core/paths';
import { connect, openStory, openTestCore, REPORTER, type TestClient } from '../../helpers/core';
import { openLibraryFile } from '../../helpers/library-key';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(): Promise<TestClient> {
  core = openTestCore();
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  return client;
}

async function storyWith(client: TestClient, headline: string, body: string): Promise<string> {
  const { id } = await client.call('article.create', {});
  const story = await openStory(client, id);
  await story.edit((doc) => {
    articleParts(doc).headline.insert(0, headline);
    articleParts(doc).teaser.insert(0, body);
  });
  await client.call('article.close', { id });
  return id;
}

async function ids(client: TestClient, payload: { view?: 'active' | 'trash'; query?: string } = {}): Promise<string[]> {
  return (await client.call('library.list', payload)).items.map((item) => item.id);
}

/** Counts of what the database still holds about one story, read through a separate connection. */
function onDisk(dataDir: string, id: string): Record<string, number> {
  const db = openLibraryFile(dataPaths(dataDir).database, { readonly: true });
  try {
    const docId = articleDocName(id);
    const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
    return {
      documents: count('SELECT count(*) FROM documents WHERE id = ?', docId),
      updates: count('SELECT count(*) FROM doc_updates WHERE doc_id = ?', docId),
      snapshots: count('SELECT count(*) FROM doc_snapshots WHERE doc_id = ?', docId),
      rows: count('SELECT count(*) FROM articles WHERE id = ?', id),
      searchHits: count("SELECT count(*) FROM article_search WHERE article_search MATCH 'Zanzibar'"),
    };
  } finally {
    db.close();
  }
}

describe('trash, restore and purge', () => {
  it('trash moves a story out of the active list into the trash, with the date, and restore brings it back', async () => {
    const client = await start();
    const keep = await storyWith(client, 'Budget vote', 'Parliament votes on the budget');
    const id = await storyWith(client, 'Ferry to Zanzibar', 'Zanzibar ferry delayed');
    await client.call('article.trash', { id });
    expect(await ids(client)).toEqual([keep]);
    const trash = await client.call('library.list', { view: 'trash' });
    expect(trash.items.map((i) => i.id)).toEqual([id]);
    expect(trash.items[0]!.trashedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await ids(client, { query: 'Zanzibar' })).toEqual([]);
    expect(await ids(client, { view: 'trash', query: 'Zanzibar' })).toEqual([id]);

    await client.call('article.restore', { id });
    expect((await ids(client)).sort()).toEqual([keep, id].sort());
    expect(await ids(client, { view: 'trash' })).toEqual([]);
    const story = await openStory(client, id);
    expect(readArticleFields(story.doc)).toMatchObject({ trashedAt: null, headline: 'Ferry to Zanzibar' });
  });

  it('trash and restore survive a restart', async () => {
    let client = await start();
    const id = await storyWith(client, 'Ferry to Zanzibar', 'Zanzibar ferry delayed');
    await client.call('article.trash', { id });
    const { dataDir } = core!;
    await core!.close();
    core = openTestCore({ dataDir });
    client = connect(core);
    expect(await ids(client, { view: 'trash' })).toEqual([id]);
  });

  it('refuses to purge a story that is not in the trash, and keeps it', async () => {
    const client = await start();
    const id = await storyWith(client, 'Ferry to Zanzibar', 'Zanzibar ferry delayed');
    const result = await client.session.invoke('article.purge', { id });
    expect(result).toMatchObject({ ok: false, error: { code: 'transition_refused', message: expect.stringMatching(/trash/i) } });
    expect(await ids(client)).toEqual([id]);
    expect(onDisk(core!.dataDir, id)).toMatchObject({ documents: 1, rows: 1, searchHits: 1 });
  });

  it('purge removes a trashed story from the list, the search and the disk', async () => {
    const client = await start();
    const keep = await storyWith(client, 'Budget vote', 'Parliament votes on the budget');
    const id = await storyWith(client, 'Ferry to Zanzibar', 'Zanzibar ferry delayed');
    // Give it a snapshot as well as updates, so both must go.
    const story = await openStory(client, id);
    await story.edit((doc) => articleParts(doc).kicker.insert(0, 'Transport'));
    await client.call('article.trash', { id });
    await client.call('article.purge', { id });

    expect(await ids(client)).toEqual([keep]);
    expect(await ids(client, { view: 'trash' })).toEqual([]);
    expect(await ids(client, { query: 'Zanzibar' })).toEqual([]);
    expect(await ids(client, { view: 'trash', query: 'Zanzibar' })).toEqual([]);
    expect(onDisk(core!.dataDir, id)).toEqual({ documents: 0, updates: 0, snapshots: 0, rows: 0, searchHits: 0 });
    expect(await client.session.invoke('article.open', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(client.events.at(-1)).toEqual({ event: 'library.changed', payload: { ids: [id] } });

    // Gone for good: a restart does not bring it back.
    const { dataDir } = core!;
    await core!.close();
    core = openTestCore({ dataDir });
    const again = connect(core);
    expect(await ids(again)).toEqual([keep]);
    expect(await ids(again, { view: 'trash' })).toEqual([]);
    expect(fs.existsSync(dataPaths(dataDir).database)).toBe(true);
  });

  it('edits to a purged story from a session that still had it open are refused with not_found', async () => {
    const client = await start();
    const id = await storyWith(client, 'Ferry to Zanzibar', 'Zanzibar ferry delayed');
    const other = connect(core!);
    const open = await openStory(other, id);
    await client.call('article.trash', { id });
    await client.call('article.purge', { id });
    await expect(open.edit((doc) => articleParts(doc).headline.insert(0, 'Too late: '))).rejects.toThrow(/not_found/);
    expect(onDisk(core!.dataDir, id)).toMatchObject({ documents: 0, updates: 0 });
  });

  it.each(['article.trash', 'article.restore', 'article.purge'] as const)('%s on an unknown story is not_found', async (channel) => {
    const client = await start();
    const result = await client.session.invoke(channel, { id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
