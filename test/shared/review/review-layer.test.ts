import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyNodeFromJson, readBodyJson, writeBodyJson, type BodyJson, type StorySnapshot } from '../../../shared/article-body';
import { articleParts, bodyTexts, seedArticle } from '../../../shared/article-doc';
import { projectArticle } from '../../../shared/documents/article-kind';
import { newsroomSchema } from '../../../shared/editor/extensions';
import type { ArticleFields } from '../../../shared/model';
import { publishableBody } from '../../../shared/review/publishable';
import { acceptSuggestion, describeSuggestion, listSuggestions, rejectSuggestion, settleAll } from '../../../shared/review/suggestions';
import { checkStory } from '../../../shared/workflow/checks';
import { DEFAULT_WORKFLOW_RULES } from '../../../shared/workflow/rules';
import { DEFAULT_LIMITS } from '../../../shared/config';
import { storyToHtml, storyToMarkdown } from '../../../electron/core/interchange/story-html-markdown';
import { storyToNinjs } from '../../../shared/interchange/ninjs/ninjs-export';
import { validateNinjs } from '../../../shared/interchange/ninjs/validate-ninjs';

/** ADR 0072: suggestions, notes and flags as marks of the story; exports read the story without them. */

const by = (authorName: string, id?: string) => ({ ...(id ? { id } : {}), authorId: `acc-${authorName}`, authorName, at: '2026-12-03T10:00:00Z' });
const t = (text: string, ...marks: Array<{ type: string; attrs?: Record<string, unknown> }>) => ({ type: 'text', text, ...(marks.length ? { marks } : {}) });
const ins = (id: string, who = 'Wesley Rahn') => ({ type: 'suggestedInsertion', attrs: by(who, id) });
const del = (id: string, who = 'Wesley Rahn') => ({ type: 'suggestedDeletion', attrs: by(who, id) });
const note = { type: 'editorNote', attrs: by('Ana Ruiz') };
const flag = { type: 'legalFlag', attrs: by('Ana Ruiz') };
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });

const reviewed: BodyJson = {
  type: 'doc',
  content: [
    paragraph(t('Talks in '), t('Moscow', del('s1')), t('the Kremlin', ins('s1')), t(' ended'), t(' abruptly', ins('s2', 'Richard Connor')), t('.')),
    paragraph(t('Call the embassy back TK', note)),
    paragraph(t('The minister '), t('lied', flag), t(' about it, '), t('we think ', del('s3')), t('sources said.')),
    paragraph(t('Bold move', { type: 'bold' }, { type: 'suggestedFormat', attrs: { ...by('Wesley Rahn', 's4'), added: 'bold', removed: '' } })),
  ],
};

const fields: ArticleFields = {
  headline: 'Sharaa in Moscow',
  kicker: '',
  teaser: 'Talks ended.',
  section: 'World',
  status: 'in_edit',
  language: 'en',
  bylines: [{ id: 'b', name: 'Ana Ruiz', role: 'author' }],
  sources: [],
  editedBy: [],
  tags: [],
  slug: 'sharaa-moscow',
  dateline: '',
  createdAt: '2026-12-03T09:00:00+00:00',
  publishedAt: null,
  trashedAt: null,
};

const node = (json: BodyJson) => bodyNodeFromJson(json);

describe('the story as published', () => {
  it('leaves out suggested insertions and notes, keeps suggested deletions, drops flags and undoes suggested formatting', () => {
    const published = node(publishableBody(reviewed));
    expect(published.textBetween(0, published.content.size, '\n')).toBe('Talks in Moscow ended.\nThe minister lied about it, we think sources said.\nBold move');
    const marks = new Set<string>();
    published.descendants((child) => {
      for (const mark of child.marks) marks.add(mark.type.name);
    });
    expect([...marks]).toEqual([]);
  });

  it('is the very same body when there is no review in it', () => {
    const plain: BodyJson = { type: 'doc', content: [paragraph(t('Nothing to review', { type: 'italic' }))] };
    expect(publishableBody(plain)).toBe(plain);
  });

  it('is what every exporter writes: nothing of the review layer leaks into HTML, Markdown or ninjs', () => {
    const story: StorySnapshot = { fields, body: reviewed };
    const html = storyToHtml(story, { imageSrc: (sha) => sha });
    const markdown = storyToMarkdown(story, { imageSrc: (sha) => sha });
    const ninjs = storyToNinjs(story, { id: '7d1f3c1e-4c1b-4c49-9a43-6a0c9b1e2f10', updatedAt: '2026-12-03T10:00:00+00:00', catalog: { describe: () => null }, mediaHrefBase: 'https://x' });
    expect(validateNinjs(ninjs).valid).toBe(true);
    const ninjsText = JSON.stringify(ninjs);
    for (const out of [html, markdown, ninjsText]) {
      expect(out).toContain('Moscow');
      expect(out).toContain('we think');
      for (const leaked of ['the Kremlin', 'abruptly', 'embassy', 'TK', 'data-review', '<ins', '<del', '<mark', 'Wesley', 'Richard']) expect(out).not.toContain(leaked);
    }
    expect(html).toContain('<p>Bold move</p>');
    expect(ninjs.bodies?.[0]?.wordcount).toBe(countWordsOf('Talks in Moscow ended. The minister lied about it, we think sources said. Bold move'));
  });

  it('is what words are counted on in core’s library row (the editor’s live count: test/renderer/editor/suggestion-mode.test.ts)', () => {
    const doc = new Y.Doc();
    seedArticle(doc, { createdAt: fields.createdAt, language: 'en' });
    writeBodyJson(articleParts(doc).body, reviewed);
    const { all, published } = bodyTexts(articleParts(doc).body);
    expect(all).toContain('the Kremlin');
    expect(all).toContain('embassy');
    expect(published).toBe('Talks in Moscow ended.\nThe minister lied about it, we think sources said.\nBold move');
    const expected = countWordsOf(published);
    expect(projectArticle(doc).wordCount).toBe(expected);
    // Search still finds what is suggested or noted.
    expect(projectArticle(doc).search[3]).toContain('embassy');
  });
});

function countWordsOf(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
}

describe('suggestions', () => {
  it('are listed in story order, a replacement as one, with who and what', () => {
    const suggestions = listSuggestions(node(reviewed));
    expect(suggestions.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4']);
    expect(suggestions.map(describeSuggestion)).toEqual(['Replace “Moscow” with “the Kremlin”', 'Add “ abruptly”', 'Delete “we think ”', 'Format “Bold move”']);
    expect(suggestions[1]!.authorName).toBe('Richard Connor');
  });

  const settled = (steps: (tr: Transform) => void) => {
    const tr = new Transform(node(reviewed));
    steps(tr);
    return tr.doc;
  };
  const text = (doc: ProseMirrorNode) => doc.textBetween(0, doc.content.size, '\n');

  it('accepted: an insertion stays, a deletion goes, formatting stays — and the marks are gone', () => {
    const doc = settled((tr) => {
      expect(acceptSuggestion(tr, 's1')).toBe(true);
      expect(acceptSuggestion(tr, 's3')).toBe(true);
      expect(acceptSuggestion(tr, 's4')).toBe(true);
    });
    expect(text(doc).split('\n')[0]).toBe('Talks in the Kremlin ended abruptly.');
    expect(text(doc).split('\n')[2]).toBe('The minister lied about it, sources said.');
    expect(listSuggestions(doc).map((s) => s.id)).toEqual(['s2']);
    expect(doc.child(3).firstChild!.marks.map((mark) => mark.type.name)).toEqual(['bold']);
  });

  it('rejected: an insertion goes, a deletion stays, formatting is undone', () => {
    const doc = settled((tr) => {
      rejectSuggestion(tr, 's1');
      rejectSuggestion(tr, 's2');
      rejectSuggestion(tr, 's4');
    });
    expect(text(doc).split('\n')[0]).toBe('Talks in Moscow ended.');
    expect(doc.child(3).firstChild!.marks).toEqual([]);
    expect(listSuggestions(doc).map((s) => s.id)).toEqual(['s3']);
  });

  it('settled twice, or unknown, is a no-op that says so', () => {
    const doc = settled((tr) => {
      expect(acceptSuggestion(tr, 's2')).toBe(true);
      expect(acceptSuggestion(tr, 's2')).toBe(false);
      expect(rejectSuggestion(tr, 'nope')).toBe(false);
    });
    expect(text(doc).split('\n')[0]).toBe('Talks in Moscowthe Kremlin ended abruptly.');
  });

  it('accept all and reject all leave no suggestion, and equal the story as published when rejected', () => {
    const accepted = settled((tr) => expect(settleAll(tr, true)).toBe(4));
    expect(listSuggestions(accepted)).toEqual([]);
    const rejected = settled((tr) => expect(settleAll(tr, false)).toBe(4));
    expect(listSuggestions(rejected)).toEqual([]);
    const published = node(publishableBody(rejected.toJSON() as BodyJson));
    expect(text(rejected).replace('Call the embassy back TK\n', '')).toBe(text(published));
  });
});

describe('accepting on one laptop while another rejects offline', () => {
  const laptop = (state: Uint8Array) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  };
  const change = (doc: Y.Doc, steps: (tr: Transform) => void) => {
    const tr = new Transform(node(readBodyJson(doc)));
    steps(tr);
    doc.transact(() => updateYFragment(doc, articleParts(doc).body, tr.doc, { mapping: new Map(), isOMark: new Map() }));
  };

  it('ends the same on both, in either order: the outcome that takes text out wins (ADR 0072)', () => {
    const seed = new Y.Doc();
    seedArticle(seed, { createdAt: fields.createdAt, language: 'en' });
    writeBodyJson(articleParts(seed).body, reviewed);
    const start = Y.encodeStateAsUpdate(seed);
    for (const order of ['a-first', 'b-first'] as const) {
      const a = laptop(start);
      const b = laptop(start);
      change(a, (tr) => {
        acceptSuggestion(tr, 's2'); // insertion: A keeps " abruptly"
        acceptSuggestion(tr, 's3'); // deletion: A takes "we think " out
      });
      change(b, (tr) => {
        rejectSuggestion(tr, 's2'); // B takes " abruptly" out
        rejectSuggestion(tr, 's3'); // B keeps "we think "
      });
      const [first, second] = order === 'a-first' ? [a, b] : [b, a];
      Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
      Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
      const onA = node(readBodyJson(a));
      const onB = node(readBodyJson(b));
      expect(onA.toJSON()).toEqual(onB.toJSON());
      const lines = onA.textBetween(0, onA.content.size, '\n').split('\n');
      expect(lines[0]).toBe('Talks in Moscowthe Kremlin ended.');
      expect(lines[2]).toBe('The minister lied about it, sources said.');
      expect(listSuggestions(onA).map((s) => s.id)).toEqual(['s1', 's4']);
    }
  });
});

describe('the ready checks', () => {
  it('refuse a move to Ready while a suggestion is open, and warn of legal flags (an error when publishing)', () => {
    const body = node(reviewed);
    const ready = checkStory({ fields, body }, 'ready', DEFAULT_WORKFLOW_RULES, DEFAULT_LIMITS);
    const open = ready.findings.filter((f) => f.rule === 'no-open-suggestions');
    expect(open.map((f) => [f.level, f.message])).toEqual([
      ['ERROR', 'Paragraph 1: Wesley Rahn suggests: Replace “Moscow” with “the Kremlin”.'],
      ['ERROR', 'Paragraph 1: Richard Connor suggests: Add “ abruptly”.'],
      ['ERROR', 'Paragraph 3: Wesley Rahn suggests: Delete “we think ”.'],
      ['ERROR', 'Paragraph 4: Wesley Rahn suggests: Format “Bold move”.'],
    ]);
    // "Go to" lands on the suggested text itself.
    const where = open[0]!.where;
    expect(where.field === 'body' && where.range && body.textBetween(where.range.from, where.range.to)).toBe('Moscowthe Kremlin');
    const flags = ready.findings.filter((f) => f.rule === 'no-legal-flags');
    expect(flags.map((f) => [f.level, f.message])).toEqual([['WARN', 'Paragraph 3 has text flagged for legal: “lied”.']]);
    const published = checkStory({ fields, body }, 'published', DEFAULT_WORKFLOW_RULES, DEFAULT_LIMITS);
    expect(published.findings.filter((f) => f.rule === 'no-legal-flags').map((f) => f.level)).toEqual(['ERROR']);
  });

  it('pass once everything is settled and unflagged', () => {
    const tr = new Transform(node(reviewed));
    settleAll(tr, true);
    const body = tr.doc;
    const unflagged = new Transform(body).removeMark(0, body.content.size, newsroomSchema().marks.legalFlag!).doc;
    const result = checkStory({ fields, body: unflagged }, 'published', DEFAULT_WORKFLOW_RULES, DEFAULT_LIMITS);
    expect(result.findings.filter((f) => f.rule === 'no-open-suggestions' || f.rule === 'no-legal-flags')).toEqual([]);
  });
});
