import { articleDocName } from '../../../shared/documents/article-kind';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { articleParts, stampArticleEdit } from '../../../shared/article-doc';
import type { Core } from '../../../electron/core/core';
import { DocStore } from '../../../electron/core/docs/doc-store';
import { dataPaths } from '../../../electron/core/paths';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/open-database';
import { connect, EDITOR, openStory, openTestCore, REPORTER, type TestClient } from '../../helpers/core';
import { keyOf } from '../../helpers/library-key';

let core: Core | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await core?.close();
  core = undefined;
});

async function start(options: { dataDir?: string; deriveDelayMs?: number } = {}): Promise<TestClient> {
  core = openTestCore({ deriveDelayMs: 60_000, ...options });
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  return client;
}

async function found(client: TestClient, query: string): Promise<string[]> {
  return (await client.call('library.list', { query })).items.map((item) => item.id);
}

function paragraph(text: string, name = 'paragraph'): Y.XmlElement {
  const element = new Y.XmlElement(name);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** A story with every field filled, written through a session as the editor would. */
async function writeFullStory(client: TestClient): Promise<string> {
  const { id } = await client.call('article.create', { section: 'Politics' });
  const story = await openStory(client, id);
  await story.edit((doc) => {
    const parts = articleParts(doc);
    parts.headline.insert(0, "Syria's new leader visits Moscow for talks with Putin");
    parts.kicker.insert(0, 'Kremlinology');
    parts.teaser.insert(0, 'The president is seeking to reset ties.');
    parts.bylines.push([
      { id: 'b1', name: 'Richard Connor', role: 'author', organisation: 'Deutsche Welle' },
      { id: 'b2', name: 'Amira Haddad', role: 'photographer' },
    ]);
    parts.sources.push(['Reuters', 'AFP']);
    parts.tags.push(['diplomacy']);
    parts.meta.set('slug', 'syria-leader-visit');
    parts.meta.set('dateline', 'Damascus');
    const first = parts.body.get(0) as Y.XmlElement;
    first.insert(0, [new Y.XmlText('Moscow had been the main ally of the dictator.')]);
    const heading = paragraph("Why is Syria's leader visiting Russia?", 'heading');
    heading.setAttribute('level', '2');
    parts.body.insert(1, [heading]);
  });
  return id;
}

describe('library rows derived from the document', () => {
  it('carry the fields, byline names and the body\'s word count', async () => {
    const client = await start();
    const id = await writeFullStory(client);
    core!.internals.articles.flush();
    const [row] = (await client.call('library.list', {})).items;
    expect(row).toMatchObject({
      id,
      headline: "Syria's new leader visits Moscow for talks with Putin",
      kicker: 'Kremlinology',
      section: 'Politics',
      status: 'draft',
      language: 'en',
      bylines: ['Richard Connor', 'Amira Haddad'],
      wordCount: 9 + 6,
      trashedAt: null,
    });
  });

  const searchable: Array<[string, string]> = [
    ['a body word', 'dictator'],
    ['a subhead word', 'visiting'],
    ['the headline', 'Putin'],
    ['the kicker', 'Kremlinology'],
    ['the teaser', 'reset'],
    ['a byline name', 'Connor'],
    ['a byline organisation', 'Welle'],
    ['a photographer', 'Haddad'],
    ['a tag', 'diplomacy'],
    ['a source', 'AFP'],
    ['the section', 'Politics'],
    ['the slug', 'syria-leader-visit'],
    ['the dateline', 'Damascus'],
  ];

  it.each(searchable)('make the story findable by %s (%s) and only that story', async (_part, word) => {
    const client = await start();
    const id = await writeFullStory(client);
    const { id: control } = await client.call('article.create', { section: 'Sport' });
    const other = await openStory(client, control);
    await other.edit((doc) => articleParts(doc).headline.insert(0, 'Cup final goes to penalties'));
    core!.internals.articles.flush();
    expect(await found(client, word)).toEqual([id]);
  });

  it('finds an editor credited in "Edited by"', async () => {
    const client = await start();
    const id = await writeFullStory(client);
    await client.call('profile.set', EDITOR);
    await client.call('article.setStatus', { id, to: 'in_edit' });
    expect(await found(client, 'Rahn')).toEqual([id]);
  });

  it('forgets words that left the story', async () => {
    const client = await start();
    const id = await writeFullStory(client);
    const story = await openStory(client, id);
    core!.internals.articles.flush();
    expect(await found(client, 'Putin')).toEqual([id]);
    await story.edit((doc) => {
      const { headline, tags } = articleParts(doc);
      headline.delete(0, headline.length);
      headline.insert(0, 'Lavrov meets delegation');
      tags.delete(0, tags.length);
    });
    core!.internals.articles.flush();
    expect(await found(client, 'Putin')).toEqual([]);
    expect(await found(client, 'diplomacy')).toEqual([]);
    expect(await found(client, 'Lavrov')).toEqual([id]);
    expect((await client.call('library.list', { query: 'Lavrov' })).total).toBe(1);
  });

  it('are written once per burst of edits, after the quiet time (debounce)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = await start({ deriveDelayMs: 1000 });
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    const headline = async () => (await client.call('library.list', {})).items[0]!.headline;
    const derivations = () => client.events.filter((e) => e.event === 'library.changed').length;
    const afterCreate = derivations();

    await story.edit((doc) => articleParts(doc).headline.insert(0, 'One'));
    vi.advanceTimersByTime(999);
    expect(await headline()).toBe('');
    await story.edit((doc) => articleParts(doc).headline.insert(3, ' two'));
    vi.advanceTimersByTime(999);
    // The second edit restarted the quiet time.
    expect(await headline()).toBe('');
    expect(derivations()).toBe(afterCreate);
    vi.advanceTimersByTime(1);
    expect(await headline()).toBe('One two');
    expect(derivations()).toBe(afterCreate + 1);
    expect(client.events.at(-1)).toEqual({ event: 'library.changed', payload: { ids: [id] } });
  });

  it('are written before core closes, so a restart finds them current', async () => {
    const client = await start();
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => articleParts(doc).headline.insert(0, 'Written before quitting'));
    const { dataDir } = core!;
    await core!.close();
    const again = await start({ dataDir });
    expect(await core!.internals.articles.recoverStaleRows(() => false)).toBe(0);
    expect((await again.call('library.list', {})).items[0]).toMatchObject({ id, headline: 'Written before quitting' });
  });
});

describe('stale-row recovery', () => {
  it('rebuilds a row that fell behind its document (changes that never reached derivation)', async () => {
    const client = await start();
    const { id } = await client.call('article.create', { section: 'World' });
    const { dataDir } = core!;
    await core!.close();
    core = undefined;

    // Changes on disk that the library never heard of, as after a crash mid-debounce.
    const db = openDatabase(dataPaths(dataDir).database, MIGRATIONS, keyOf(dataPaths(dataDir).database));
    const docs = new DocStore(db);
    const doc = docs.load(articleDocName(id))!;
    doc.on('update', (update: Uint8Array) => docs.append(articleDocName(id), update));
    articleParts(doc).headline.insert(0, 'Recovered after a crash');
    (articleParts(doc).body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Three body words')]);
    db.close();

    core = openTestCore({ deriveDelayMs: 60_000, dataDir });
    // Open and answering before the row is rebuilt (that happens after start, in the background)…
    expect(core.internals.db.prepare('SELECT headline FROM articles WHERE id = ?').pluck().get(id)).toBe('');
    const again = connect(core);
    await core.internals.rowsRecovered;
    // …and the rebuilt row is announced like any other.
    expect(again.events).toContainEqual({ event: 'library.changed', payload: { ids: [id] } });
    const [row] = (await again.call('library.list', {})).items;
    expect(row).toMatchObject({ id, headline: 'Recovered after a crash', wordCount: 3, section: 'World' });
    expect(await found(again, 'crash')).toEqual([id]);
  });

  it('builds the row of a story whose row is missing altogether', async () => {
    const client = await start();
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => articleParts(doc).headline.insert(0, 'Row lost'));
    core!.internals.articles.flush();
    const { dataDir } = core!;
    await core!.close();
    core = undefined;
    const db = openDatabase(dataPaths(dataDir).database, MIGRATIONS, keyOf(dataPaths(dataDir).database));
    db.prepare('DELETE FROM articles').run();
    db.close();
    const again = await start({ dataDir });
    await core!.internals.rowsRecovered;
    expect((await again.call('library.list', {})).items.map((i) => [i.id, i.headline])).toEqual([[id, 'Row lost']]);
  });

  it('keeps search results newest-changed first after rebuilding several rows', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    const client = await start();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.call('article.create', {})).id);
    const { dataDir } = core!;
    await core!.close();
    core = undefined;
    const db = openDatabase(dataPaths(dataDir).database, MIGRATIONS, keyOf(dataPaths(dataDir).database));
    const docs = new DocStore(db);
    // Changed in the order last, first, middle: the middle one is the newest change.
    for (const [n, index] of [2, 0, 1].entries()) {
      vi.setSystemTime(new Date(Date.UTC(2026, 2, 1, 11, n)));
      const name = articleDocName(ids[index]!);
      const doc = docs.load(name)!;
      doc.on('update', (update: Uint8Array) => docs.append(name, update));
      articleParts(doc).headline.insert(0, `Election result ${index}`);
      // As core stores an edit: with its time, in the document.
      stampArticleEdit(doc, Date.now());
    }
    db.close();
    const again = await start({ dataDir });
    await core!.internals.rowsRecovered;
    const expected = [ids[1], ids[0], ids[2]];
    expect((await again.call('library.list', { sort: 'updated' })).items.map((i) => i.id)).toEqual(expected);
    expect(await found(again, 'Election')).toEqual(expected);
  });
});
