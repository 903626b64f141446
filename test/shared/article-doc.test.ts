import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, articleParts, bodyPlainText, readArticleFields, seedArticle } from '../../shared/article-doc';
import { newsroomSchema } from '../../shared/editor/extensions';
import { mulberry32 } from '../helpers/random';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Applies the change and returns the edit Yjs recorded for it. */
function changeOf(from: string, to: string): Array<{ retain?: number; insert?: unknown; delete?: number }> {
  const doc = new Y.Doc();
  const text = doc.getText('headline');
  text.insert(0, from);
  let delta: Array<{ retain?: number; insert?: unknown; delete?: number }> = [];
  text.observe((event) => (delta = event.delta as typeof delta));
  applyTextChange(text, to);
  expect(text.toString()).toBe(to);
  return delta;
}

describe('applyTextChange', () => {
  it.each([
    ['an insertion in the middle', 'Syria leader visits', 'Syria new leader visits', [{ retain: 6 }, { insert: 'new ' }]],
    ['a deletion in the middle', 'Syria new leader visits', 'Syria leader visits', [{ retain: 6 }, { delete: 4 }]],
    ['a word replaced', 'visits Moscow today', 'visits Kyiv today', [{ retain: 7 }, { insert: 'Kyiv' }, { delete: 6 }]],
    ['typing at the end', 'Syria', 'Syria!', [{ retain: 5 }, { insert: '!' }]],
    ['typing at the start', 'Syria', '"Syria', [{ insert: '"' }]],
    ['clearing the field', 'Syria', '', [{ delete: 5 }]],
  ])('makes %s as a minimal edit', (_what, from, to, expected) => {
    const delta = changeOf(from, to);
    expect(delta.map((op) => ({ ...op })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [...expected].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('does nothing when the text is the same', () => {
    expect(changeOf('Same', 'Same')).toEqual([]);
  });

  it.each([
    ['emoji replaced at the start (shared high surrogate)', '😀 talks', '😁 talks'],
    ['emoji replaced at the end (shared high surrogate)', 'talks 😀', 'talks 😃'],
    ['emoji replaced where only the low surrogate is shared', 'a😀b', 'a🈀b'],
    ['emoji on both ends changed', '😀 talks 😀', '🈀 talks 😁'],
    ['emoji inserted between emoji', '😀😀', '😀😁😀'],
    ['emoji removed between emoji', '😀😁😀', '😀😀'],
  ])('never splits a surrogate pair: %s', (_what, from, to) => {
    for (const op of changeOf(from, to)) {
      if (typeof op.insert === 'string') expect(op.insert).not.toMatch(LONE_SURROGATE);
    }
  });

  it('keeps a colleague\'s concurrent edit elsewhere in the same field (both docs converge)', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    mine.getText('headline').insert(0, "Syria's leader visits Moscow");
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    applyTextChange(mine.getText('headline'), "Syria's new leader visits Moscow");
    applyTextChange(theirs.getText('headline'), "Syria's leader visits Moscow for talks");
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)));
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs)));
    expect(mine.getText('headline').toString()).toBe("Syria's new leader visits Moscow for talks");
    expect(theirs.getText('headline').toString()).toBe(mine.getText('headline').toString());
  });

  it.for([11, 12, 13])('random rewrites always end equal to the target with no broken characters (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const alphabet = ['a', 'b', ' ', 'é', '😀', '😁', '🈀', 'ش'];
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (let i = 0; i < 200; i++) {
      const next = Array.from({ length: random.int(12) }, () => random.pick(alphabet)).join('');
      applyTextChange(text, next);
      expect(text.toString()).toBe(next);
    }
  });
});

describe('readArticleFields', () => {
  it('gives defaults for an empty document', () => {
    expect(readArticleFields(new Y.Doc())).toEqual({
      headline: '',
      kicker: '',
      teaser: '',
      section: '',
      status: 'draft',
      language: 'en',
      bylines: [],
      sources: [],
      editedBy: [],
      tags: [],
      slug: '',
      dateline: '',
      createdAt: '',
      publishedAt: null,
      trashedAt: null,
    });
  });

  it('reads an unknown status as draft and empty dates as none', () => {
    const doc = new Y.Doc();
    const { meta } = articleParts(doc);
    meta.set('status', 'live');
    meta.set('trashedAt', '');
    meta.set('publishedAt', null);
    expect(readArticleFields(doc)).toMatchObject({ status: 'draft', trashedAt: null, publishedAt: null });
  });

  it('reads what seedArticle wrote', () => {
    const doc = new Y.Doc();
    seedArticle(doc, {
      createdAt: '2025-10-15T09:30:00+02:00',
      language: 'ar',
      section: 'World',
      headline: 'Headline',
      bylines: [{ id: 'b', name: 'Richard Connor', role: 'author' }],
      sources: ['Reuters'],
      tags: ['Syria'],
    });
    expect(readArticleFields(doc)).toMatchObject({
      createdAt: '2025-10-15T09:30:00+02:00',
      language: 'ar',
      section: 'World',
      status: 'draft',
      headline: 'Headline',
      bylines: [{ name: 'Richard Connor', role: 'author' }],
      sources: ['Reuters'],
      tags: ['Syria'],
    });
    expect(articleParts(doc).body.length).toBe(1);
  });
});

describe('bodyPlainText', () => {
  const text = (value: string) => ({ type: 'text', text: value });
  const para = (...content: unknown[]) => ({ type: 'paragraph', content });
  const body = {
    type: 'doc',
    content: [
      para(text('Syria’s president is visiting '), { type: 'text', text: 'Russia', marks: [{ type: 'bold' }] }, text('.')),
      { type: 'heading', attrs: { level: 2 }, content: [text('Why is Syria’s leader visiting Russia?')] },
      para(text('line one'), { type: 'hardBreak' }, text('line two')),
      { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('first point'))] }, { type: 'listItem', content: [para(text('second point'))] }] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [para(text('step one'))] }] },
      { type: 'blockquote', content: [para(text('A quoted remark'))] },
      { type: 'pullQuote', attrs: { attribution: 'Putin' }, content: [text('Pulled quote')] },
      { type: 'figure', attrs: { media: null, credit: 'REUTERS', alt: 'Two men shake hands' }, content: [text('Caption of the photo')] },
      { type: 'factbox', attrs: { title: 'What we know' }, content: [para(text('Fact inside'))] },
      { type: 'videoEmbed', attrs: { title: 'Can Russia keep its bases in Syria?', duration: 284 } },
      { type: 'horizontalRule' },
      { type: 'blockquote' },
      para(),
      para(text('Last words.')),
    ],
  };

  it('reads every block with text as its own line, titles and captions included', () => {
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(newsroomSchema(), body, doc.getXmlFragment('body'));
    expect(bodyPlainText(doc.getXmlFragment('body')).split('\n')).toEqual([
      'Syria’s president is visiting Russia.',
      'Why is Syria’s leader visiting Russia?',
      'line one line two',
      'first point',
      'second point',
      'step one',
      'A quoted remark',
      'Pulled quote',
      'Caption of the photo',
      'What we know',
      'Fact inside',
      'Can Russia keep its bases in Syria?',
      'Last words.',
    ]);
  });

  it('is empty for the seeded empty paragraph', () => {
    const doc = new Y.Doc();
    seedArticle(doc, { createdAt: '2025-10-15T09:30:00+02:00', language: 'en' });
    expect(bodyPlainText(articleParts(doc).body)).toBe('');
  });
});
