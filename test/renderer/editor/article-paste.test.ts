import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, readArticleFields } from '../../../shared/article-doc';
import { DEFAULT_SECTIONS } from '../../../shared/config';
import { fillEmptyFields, offeredFields, readPastedHtml } from '../../../renderer/editor/article-paste';
import wholeArticle from '../../fixtures/paste/whole-article.html?raw';
import newsWebPage from '../../fixtures/paste/news-web-page.html?raw';

/** What a paste does with a whole web article, in a browser DOM (ADR 0066). */

function pastedArticle(html: string) {
  const pasted = readPastedHtml(html, DEFAULT_SECTIONS);
  if (pasted.kind !== 'article') throw new Error('expected a whole article');
  return pasted;
}

describe('reading a paste', () => {
  it('recognises the whole article and cleans its body without the header, the player or the picture', () => {
    const { article, bodyHtml } = pastedArticle(wholeArticle);
    expect(article.headline).toBe('Harbour town votes to bring back its night ferry');
    expect(bodyHtml).toMatch(/^<p>Varholm's town council voted/);
    expect(bodyHtml).not.toMatch(/Harbour town|Marta|04:44|Can a night ferry|Solvind|Edited by|Reporting on/);
  });

  it('the news web page fixture is a whole article too; a few paragraphs are not', () => {
    expect(readPastedHtml(newsWebPage, DEFAULT_SECTIONS).kind).toBe('article');
    expect(readPastedHtml('<p>One <a href="https://x.example/">link</a></p><img src="https://x.example/a.png" alt="A chart">', DEFAULT_SECTIONS)).toEqual({
      kind: 'text',
      notKept: [{ kind: 'image', description: '“A chart”' }],
    });
  });
});

describe('Fill fields', () => {
  it('fills every empty field, bylines with people, in one change', () => {
    const doc = new Y.Doc();
    let changes = 0;
    doc.on('update', () => changes++);
    expect(fillEmptyFields(doc, pastedArticle(wholeArticle).article)).toEqual({
      filled: ['Section', 'Kicker', 'Headline', 'Teaser', 'Byline', 'Sources', 'Edited by'],
      kept: [],
    });
    expect(changes).toBe(1);
    const fields = readArticleFields(doc);
    expect(fields).toMatchObject({
      section: 'Politics',
      kicker: 'Varholm',
      headline: 'Harbour town votes to bring back its night ferry',
      sources: ['Coastal Press', 'Nordic Wire', 'Fjord Radio'],
      editedBy: [{ name: 'Tomas Berg' }],
    });
    expect(fields.bylines).toEqual([{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Marta Lindqvist', role: 'author' }]);
  });

  it('never overwrites what the reporter typed, and says which fields it left', () => {
    const doc = new Y.Doc();
    const parts = articleParts(doc);
    parts.headline.insert(0, 'My headline');
    parts.kicker.insert(0, '   ');
    parts.sources.push(['Own Wire']);
    parts.bylines.push([{ id: 'b1', name: 'Mei Chen', role: 'author' }]);
    const article = pastedArticle(wholeArticle).article;
    expect(offeredFields(doc, article).filter((field) => field.taken).map((field) => field.label)).toEqual(['Headline', 'Byline', 'Sources']);
    expect(fillEmptyFields(doc, article).kept).toEqual(['Headline', 'Byline', 'Sources']);
    const fields = readArticleFields(doc);
    expect(fields.headline).toBe('My headline');
    // A kicker of only spaces was empty: replaced, not added to.
    expect(fields.kicker).toBe('Varholm');
    expect(fields.sources).toEqual(['Own Wire']);
    expect(fields.bylines.map((byline) => byline.name)).toEqual(['Mei Chen']);
  });
});
