import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import { articleParts, bodyPlainText, readArticleFields } from '../../../shared/article-doc';
import type { Core } from '../../../electron/core/core';
import { dataPaths } from '../../../electron/core/paths';
import { connect, openStory, openTestCore, REPORTER, type TestClient } from '../../helpers/core';
import { bundleScript, startScript } from '../../helpers/bundle-script';
import { snapshotDatabase } from '../../helpers/db-snapshot';
import { mulberry32 } from '../../helpers/random';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(dataDir?: string): Promise<{ core: Core; client: TestClient }> {
  core = openTestCore(dataDir ? { dataDir } : {});
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  return { core, client };
}

async function restart(): Promise<{ core: Core; client: TestClient }> {
  const dataDir = core!.dataDir;
  await core!.close();
  return start(dataDir);
}

/** The body as its element names and text, e.g. ['paragraph:'] for one empty paragraph. */
function bodyShape(doc: Y.Doc): string[] {
  return articleParts(doc)
    .body.toArray()
    .map((node) => (node instanceof Y.XmlElement ? `${node.nodeName}:${node.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : '')).join('')}` : '?'));
}

/** What a session would send for an edit made on its own copy, without sending it. */
function updateFor(doc: Y.Doc, fn: (doc: Y.Doc) => void): string {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => fn(doc), 'local');
  return bytesToBase64(Y.encodeStateAsUpdate(doc, before));
}

function articleUpdates(client: TestClient, id: string): Uint8Array[] {
  return client.events
    .filter((e) => e.event === 'article.updated' && (e.payload as { id: string }).id === id)
    .map((e) => base64ToBytes((e.payload as { update: string }).update));
}

describe('seed once', () => {
  it('a new story has exactly one empty paragraph, draft status and its creation date', async () => {
    const { client } = await start();
    const { id } = await client.call('article.create', { section: 'Politics', language: 'ar' });
    const story = await openStory(client, id);
    expect(bodyShape(story.doc)).toEqual(['paragraph:']);
    expect(readArticleFields(story.doc)).toMatchObject({ status: 'draft', section: 'Politics', language: 'ar', headline: '', trashedAt: null });
    expect(readArticleFields(story.doc).createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it('opening in two sessions, closing and reopening after a restart never duplicates content', async () => {
    let { client } = await start();
    const { id } = await client.call('article.create', {});
    const other = connect(core!);
    const a = await openStory(client, id);
    const b = await openStory(other, id);
    await a.edit((doc) => articleParts(doc).headline.insert(0, 'Moscow talks'));
    // Each copy merges the other's full state, as a reconnecting editor would.
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), 'remote');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'remote');
    await client.call('article.close', { id });
    await other.call('article.close', { id });
    ({ client } = await restart());
    const again = await openStory(client, id);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(a.doc), 'remote');
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(b.doc), 'remote');
    expect(bodyShape(again.doc)).toEqual(['paragraph:']);
    expect(readArticleFields(again.doc).headline).toBe('Moscow talks');
    expect(articleParts(again.doc).meta.get('status')).toBe('draft');
  });
});

describe('updates between sessions', () => {
  it('reach other sessions with the story open, never the sender, never sessions without it', async () => {
    const { core, client } = await start();
    const { id } = await client.call('article.create', {});
    const { id: otherStory } = await client.call('article.create', {});
    const viewer = connect(core);
    const elsewhere = connect(core);
    const idle = connect(core);
    const sender = await openStory(client, id);
    const watching = await openStory(viewer, id);
    await openStory(elsewhere, otherStory);
    await sender.edit((doc) => articleParts(doc).headline.insert(0, 'Syria'));
    await sender.edit((doc) => articleParts(doc).kicker.insert(0, 'Diplomacy'));

    expect(articleUpdates(client, id)).toEqual([]);
    expect(articleUpdates(elsewhere, id)).toEqual([]);
    expect(articleUpdates(idle, id)).toEqual([]);
    const received = articleUpdates(viewer, id);
    expect(received).toHaveLength(2);
    for (const update of received) Y.applyUpdate(watching.doc, update, 'remote');
    expect(readArticleFields(watching.doc)).toMatchObject({ headline: 'Syria', kicker: 'Diplomacy' });
  });

  it('stop reaching a session once it closed the story', async () => {
    const { core, client } = await start();
    const { id } = await client.call('article.create', {});
    const viewer = connect(core);
    const sender = await openStory(client, id);
    await openStory(viewer, id);
    await viewer.call('article.close', { id });
    await sender.edit((doc) => articleParts(doc).headline.insert(0, 'After close'));
    expect(articleUpdates(viewer, id)).toEqual([]);
  });

  it('an acknowledged update is on disk: a restart loads it', async () => {
    let { client } = await start();
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    const random = mulberry32(99);
    let expected = '';
    for (let i = 0; i < 40; i++) {
      const at = random.int(expected.length + 1);
      await story.edit((doc) => articleParts(doc).teaser.insert(at, `${i};`));
      expected = `${expected.slice(0, at)}${i};${expected.slice(at)}`;
    }
    ({ client } = await restart());
    expect(readArticleFields((await openStory(client, id)).doc).teaser).toBe(expected);
  });
});

describe('edits that are refused store nothing', () => {
  const protectedEdits: Array<[string, (doc: Y.Doc) => void]> = [
    ['status', (doc) => articleParts(doc).meta.set('status', 'published')],
    ['trashedAt', (doc) => articleParts(doc).meta.set('trashedAt', '2025-10-15T09:00:00+00:00')],
    ['createdAt', (doc) => articleParts(doc).meta.set('createdAt', '1999-01-01T00:00:00+00:00')],
    ['createdAt (deleted)', (doc) => articleParts(doc).meta.delete('createdAt')],
    ['publishedAt', (doc) => articleParts(doc).meta.set('publishedAt', '2025-10-15T09:00:00+00:00')],
  ];

  it.each(protectedEdits)('an edit touching %s is refused as forbidden, with an innocent change in it, and nothing is stored', async (key, touch) => {
    let { client } = await start();
    const { id } = await client.call('article.create', {});
    const viewer = connect(core!);
    await openStory(viewer, id);
    const story = await openStory(client, id);
    const file = dataPaths(core!.dataDir).database;
    core!.internals.articles.flush();
    const before = snapshotDatabase(file);
    const update = updateFor(story.doc, (doc) => {
      articleParts(doc).headline.insert(0, 'Smuggled headline');
      touch(doc);
    });
    const result = await client.session.invoke('article.update', { id, update });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!result.ok) expect(result.error.message).toContain(key.split(' ')[0]);
    expect(articleUpdates(viewer, id)).toEqual([]);
    core!.internals.articles.flush();
    expect(snapshotDatabase(file)).toEqual(before);
    ({ client } = await restart());
    const fields = readArticleFields((await openStory(client, id)).doc);
    expect(fields).toMatchObject({ headline: '', status: 'draft', trashedAt: null, publishedAt: null });
    expect(fields.createdAt).not.toBe('1999-01-01T00:00:00+00:00');
    expect(fields.createdAt).not.toBe('');
  });

  it('after a refused edit, the story keeps taking other edits', async () => {
    const { client } = await start();
    const { id } = await client.call('article.create', {});
    const other = connect(core!);
    const story = await openStory(client, id);
    const colleague = await openStory(other, id);
    await client.session.invoke('article.update', { id, update: updateFor(story.doc, (doc) => articleParts(doc).meta.set('status', 'ready')) });
    await colleague.edit((doc) => articleParts(doc).headline.insert(0, 'Still editable'));
    const reopened = await openStory(connect(core!), id);
    expect(readArticleFields(reopened.doc)).toMatchObject({ headline: 'Still editable', status: 'draft' });
  });

  it('garbage bytes as an update are refused as invalid_payload and nothing is stored', async () => {
    const { client } = await start();
    const { id } = await client.call('article.create', {});
    await openStory(client, id);
    const file = dataPaths(core!.dataDir).database;
    core!.internals.articles.flush();
    const before = snapshotDatabase(file);
    const random = mulberry32(5);
    const garbage = [
      new TextEncoder().encode('hello, this is not a Yjs update'),
      new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255]),
      ...Array.from({ length: 20 }, () => Uint8Array.from({ length: random.between(4, 200) }, () => random.int(256))),
    ];
    for (const bytes of garbage) {
      const result = await client.session.invoke('article.update', { id, update: bytesToBase64(bytes) });
      expect(result.ok, `bytes ${Buffer.from(bytes).toString('hex')}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_payload');
    }
    core!.internals.articles.flush();
    expect(snapshotDatabase(file)).toEqual(before);
  });

  it('an update for a story this session has not opened is refused and not stored', async () => {
    const { client } = await start();
    const { id } = await client.call('article.create', {});
    const opener = connect(core!);
    const story = await openStory(opener, id);
    const file = dataPaths(core!.dataDir).database;
    core!.internals.articles.flush();
    const before = snapshotDatabase(file);
    const update = updateFor(story.doc, (doc) => articleParts(doc).headline.insert(0, 'Not yours to send'));
    const result = await client.session.invoke('article.update', { id, update });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    core!.internals.articles.flush();
    expect(snapshotDatabase(file)).toEqual(before);
  });

  it('never acknowledges an edit it has not stored (an edit whose earlier part it never received)', async () => {
    let { client } = await start();
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    // Two edits in a row on the same copy; the second builds on the first.
    const first = updateFor(story.doc, (doc) => articleParts(doc).teaser.insert(0, 'First half. '));
    const second = updateFor(story.doc, (doc) => articleParts(doc).teaser.insert(12, 'Second half.'));
    const result = await client.session.invoke('article.update', { id, update: second });
    if (!result.ok) return; // Refusing it is honest: the sender keeps it and sends again.
    // Acknowledged: then it must survive a restart, and appear once its first half arrives.
    ({ client } = await restart());
    await client.call('article.open', { id });
    await client.call('article.update', { id, update: first });
    const reopened = await openStory(connect(core!), id);
    expect(readArticleFields(reopened.doc).teaser).toBe('First half. Second half.');
  });
});

describe('a core killed at random moments', () => {
  it('keeps every acknowledged edit, and its library row catches up on restart (4 rounds, seed 3)', async () => {
    const random = mulberry32(3);
    const script = await bundleScript('test/core/docs/core-writer.child.ts');
    const { client } = await start();
    const { id } = await client.call('article.create', {});
    const { dataDir } = core!;
    await core!.close();
    core = undefined;
    const acknowledged: string[] = [];
    for (let round = 0; round < 4; round++) {
      const child = startScript(script, [dataDir, id, String(round)]);
      const target = random.between(5, 120);
      try {
        await child.waitFor((lines) => lines.length > target, `${target} acknowledged edits`);
      } finally {
        await child.kill();
      }
      acknowledged.push(...child.lines().filter((line) => line !== 'ready'));

      const { client: reader } = await start(dataDir);
      const body = bodyPlainText(articleParts((await openStory(reader, id)).doc).body);
      const words = new Set(body.split(' '));
      expect(acknowledged.filter((marker) => !words.has(marker)), `round ${round}: acknowledged but missing`).toEqual([]);
      // Rebuilt after start, in the background (DerivedRows.recover).
      await core!.internals.rowsRecovered;
      const [row] = (await reader.call('library.list', {})).items;
      expect(row?.wordCount, `round ${round}: library row`).toBe(body.split(' ').filter(Boolean).length);
      await core!.close();
      core = undefined;
    }
  });
});
