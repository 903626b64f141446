import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { LIBRARY_SORTS, type PayloadOf } from '../../../shared/contract';
import type { Status } from '../../../shared/model';
import type { Core } from '../../../electron/core/core';
import { connect, EDITOR, openStory, openTestCore, type TestClient, CHECKS_OFF } from '../../helpers/core';

interface Seed {
  key: string;
  section: string;
  status: Status;
  headline: string;
  body: string;
}

// Created in this order, a minute apart; then edited in another order (below).
const SEEDS: Seed[] = [
  { key: 'moscow', section: 'Politics', status: 'draft', headline: 'Moscow talks resume', body: 'José Martínez met officials in Moscow. common' },
  { key: 'arabic', section: 'World', status: 'in_edit', headline: '', body: 'زار الرئيس السوري موسكو لإجراء محادثات common' },
  { key: 'budget', section: 'Politics', status: 'ready', headline: 'budget vote', body: 'Parliament passes the budget after a long night. common' },
  { key: 'cup', section: 'Sport', status: 'published', headline: 'Cup final', body: 'Penalties decide the cup final. common' },
  { key: 'trashed', section: 'Politics', status: 'draft', headline: 'Old Moscow piece', body: 'Withdrawn story about Moscow. common' },
];
const EDIT_ORDER = ['arabic', 'budget', 'cup', 'moscow'];

let core: Core;
let client: TestClient;
const id: Record<string, string> = {};
let minute = 0;
const tick = () => vi.setSystemTime(new Date(Date.UTC(2026, 4, 1, 8, minute++)));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  tick();
  core = openTestCore({ deriveDelayMs: 60_000 });
  client = connect(core);
  await client.call('profile.set', EDITOR);
  // Stories here move along the workflow empty; the ready checks have their own tests.
  await client.call('config.set', { workflowRules: CHECKS_OFF });
  for (const seed of SEEDS) {
    tick();
    id[seed.key] = (await client.call('article.create', { section: seed.section })).id;
    const story = await openStory(client, id[seed.key]!);
    await story.edit((doc) => {
      articleParts(doc).headline.insert(0, seed.headline);
      (articleParts(doc).body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(seed.body)]);
    });
    for (const to of { draft: [], in_edit: ['in_edit'], ready: ['in_edit', 'ready'], published: ['in_edit', 'ready', 'published'], spiked: ['spiked'] }[
      seed.status
    ] as Status[]) {
      await client.call('article.setStatus', { id: id[seed.key]!, to });
    }
    core.internals.articles.flush();
  }
  tick();
  await client.call('article.trash', { id: id.trashed! });
  for (const key of EDIT_ORDER) {
    tick();
    const published = SEEDS.find((seed) => seed.key === key)!.status === 'published';
    // A published story is read-only: it goes back to Draft for the edit and is published again.
    if (published) await client.call('article.setStatus', { id: id[key]!, to: 'draft' });
    const story = await openStory(client, id[key]!);
    await story.edit((doc) => articleParts(doc).teaser.insert(0, `Edited ${key}`));
    if (published) for (const to of ['in_edit', 'ready', 'published'] as const) await client.call('article.setStatus', { id: id[key]!, to });
    core.internals.articles.flush();
  }
});

afterAll(async () => {
  await core.close();
  vi.useRealTimers();
});

async function keys(payload: PayloadOf<'library.list'>): Promise<string[]> {
  const page = await client.call('library.list', payload);
  return page.items.map((item) => Object.keys(id).find((key) => id[key] === item.id)!);
}

describe('library filters', () => {
  it.each([
    [{}, ['moscow', 'cup', 'budget', 'arabic']],
    [{ status: 'ready' as const }, ['budget']],
    [{ status: 'spiked' as const }, []],
    [{ section: 'Politics' }, ['moscow', 'budget']],
    [{ section: 'Politics', status: 'draft' as const }, ['moscow']],
    [{ section: 'Nowhere' }, []],
    [{ view: 'trash' as const }, ['trashed']],
    [{ view: 'trash' as const, section: 'Sport' }, []],
  ])('%j lists %j', async (filter, expected) => {
    expect(await keys(filter)).toEqual(expected);
  });
});

describe('library sorts', () => {
  it.each([
    ['updated', ['moscow', 'cup', 'budget', 'arabic']],
    ['created', ['cup', 'budget', 'arabic', 'moscow']],
    // Case-insensitive; a story without a headline goes last.
    ['headline', ['budget', 'cup', 'moscow', 'arabic']],
    ['status', ['moscow', 'arabic', 'budget', 'cup']],
  ] as const)('by %s', async (sort, expected) => {
    expect(await keys({ sort })).toEqual(expected);
  });

  it('covers every sort the contract offers', () => {
    expect([...LIBRARY_SORTS].sort()).toEqual(['created', 'headline', 'status', 'updated']);
  });
});

describe('library paging', () => {
  it('pages with offset and limit and always reports the total', async () => {
    const pages = [];
    for (const offset of [0, 2, 4]) pages.push(await client.call('library.list', { sort: 'created', offset, limit: 2 }));
    expect(pages.map((p) => p.total)).toEqual([4, 4, 4]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(['cup', 'budget', 'arabic', 'moscow'].map((k) => id[k]));
    expect(pages[2]!.items).toEqual([]);
  });

  it('reports the total of a search, not of the page', async () => {
    const page = await client.call('library.list', { query: 'common', limit: 1 });
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(1);
  });
});

describe('library search', () => {
  it.each([
    ['any word of the body', 'officials', ['moscow']],
    ['a word as it is being typed', 'Mosc', ['moscow']],
    ['a short prefix', 'Pa', ['budget']],
    ['without accents', 'jose martinez', ['moscow']],
    ['with accents', 'José Martínez', ['moscow']],
    ['in another case', 'PARLIAMENT', ['budget']],
    ['Arabic text', 'موسكو', ['arabic']],
    ['Arabic as typed', 'الرئي', ['arabic']],
    ['several words, all required', 'cup penalties', ['cup']],
    ['several words that no one story has', 'budget penalties', []],
    ['a word no story has', 'Lisbon', []],
  ])('finds %s (%s)', async (_what, query, expected) => {
    expect(await keys({ query })).toEqual(expected);
  });

  it('lists results newest-changed first', async () => {
    expect(await keys({ query: 'common' })).toEqual(['moscow', 'cup', 'budget', 'arabic']);
  });

  it('combines a search with filters and other sorts', async () => {
    expect(await keys({ query: 'common', section: 'Politics' })).toEqual(['moscow', 'budget']);
    expect(await keys({ query: 'common', sort: 'created' })).toEqual(['cup', 'budget', 'arabic', 'moscow']);
    expect(await keys({ query: 'Moscow', view: 'trash' })).toEqual(['trashed']);
  });

  const typedByPeople = [
    '"', '""', '"Moscow', 'Moscow"', '*', 'Mosc*', '**', 'NEAR(', 'NEAR(Moscow talks, 2)', '-', '-Moscow', 'Moscow -talks',
    'AND', 'OR', 'NOT', 'Moscow AND', 'AND Moscow', 'Moscow OR budget', 'NOT Moscow', '(', ')', '(Moscow', 'Moscow)', '()',
    '^Moscow', 'headline:Moscow', ':', '{headline body}: Moscow', "O'Brien", "'", '’', '—', '…', '🙂', '\\', '+', '%', '_',
    '[', ']', '&&', '||', 'a'.repeat(500), 'one two three four five six seven eight nine ten eleven twelve thirteen',
  ];

  it.each(typedByPeople)('never fails on query syntax typed by a person: %j', async (query) => {
    const result = await client.session.invoke('library.list', { query });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it('never fails on a query with a control character pasted into it (NUL, escape)', async () => {
    for (const query of ['Moscow\u0000', 'Mos\u0000cow', '\u001b[31mMoscow']) {
      const result = await client.session.invoke('library.list', { query });
      expect(result.ok, `${JSON.stringify(query)}: ${JSON.stringify(result)}`).toBe(true);
    }
  });

  it('treats quotes, stars and dashes around a word as text: the word is still found', async () => {
    for (const query of ['"Moscow', 'Moscow"', '"Moscow"', 'Mosc*', '-Moscow', '(Moscow)', '*Moscow*', 'Moscow:']) {
      expect(await keys({ query }), query).toEqual(['moscow']);
    }
  });
});

// Lead to decide: FTS5's unicode61 tokenizer neither splits Chinese or
// Japanese runs into words nor folds Greek accents, though zh, ja and el are
// configured languages. Fixing it means another tokenizer (trigram, or
// segmenting with Intl.Segmenter at derivation), so these are expected to fail.
describe('search in languages the tokenizer does not segment or fold', () => {
  let local: Core;
  let reader: TestClient;
  const story: Record<string, string> = {};

  beforeAll(async () => {
    vi.useRealTimers();
    local = openTestCore({ deriveDelayMs: 60_000 });
    reader = connect(local);
    await reader.call('profile.set', EDITOR);
    for (const [key, body] of [
      ['zh', '叙利亚新领导人访问莫斯科'],
      ['ja', '日本の首相がモスクワを訪問した'],
      ['el', 'Ο πρόεδρος της Συρίας επισκέπτεται τη Μόσχα'],
    ] as const) {
      story[key] = (await reader.call('article.create', { language: key })).id;
      const open = await openStory(reader, story[key]!);
      await open.edit((doc) => (articleParts(doc).body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(body)]));
    }
    local.internals.articles.flush();
  });
  afterAll(async () => {
    await local.close();
  });

  const search = async (query: string) => (await reader.call('library.list', { query })).items.map((i) => i.id);

  it('finds a Chinese story by a word inside the sentence (莫斯科)', async () => {
    expect(await search('莫斯科')).toEqual([story.zh]);
  });

  it('finds a Japanese story by a word inside the sentence (モスクワ)', async () => {
    expect(await search('モスクワ')).toEqual([story.ja]);
  });

  it('finds a Greek story without typing its accents (μοσχα)', async () => {
    expect(await search('μοσχα')).toEqual([story.el]);
  });

  it('finds the Greek story with its accents', async () => {
    expect(await search('Μόσχα')).toEqual([story.el]);
  });
});
