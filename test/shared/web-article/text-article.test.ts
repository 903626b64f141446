import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../../../shared/config';
import { readTextArticle } from '../../../shared/web-article/text-article';
import { fixturePath } from '../../helpers/fixtures';
import { readSeedStory } from '../../helpers/seed-story-file';

/** The plain-text reader (ADR 0066): a labelled header, or a page copied from a browser. */

const options = { sections: DEFAULT_SECTIONS };

describe('the seed story (a labelled header)', () => {
  const seed = readSeedStory();
  const article = readTextArticle(fs.readFileSync(fixturePath('articles', 'seed-story.txt'), 'utf8'), options);

  it('fills every field from its label', () => {
    expect(article).toMatchObject({
      section: seed.section,
      kicker: seed.kicker,
      headline: seed.headline,
      teaser: seed.teaser,
      bylines: [seed.byline],
      sources: seed.sources,
      editedBy: [seed.editedBy],
      slug: seed.slug,
      dateline: seed.dateline,
      tags: seed.tags,
    });
    expect(article.leftOut).toEqual([`the date (${seed.date})`, `the author's bio (${seed.byline})`]);
  });

  it('opens the body with the figure, keeps the subhead, and lists the video', () => {
    expect(article.blocks[0]).toEqual({ kind: 'figure', ...seed.figure });
    expect(article.blocks.filter((block) => block.kind === 'subhead')).toEqual([{ kind: 'subhead', text: seed.subhead }]);
    const texts = article.blocks.flatMap((block) => (block.kind === 'figure' ? [] : [block.text]));
    expect(texts).toEqual(seed.paragraphs);
    expect(article.notKept).toEqual([{ kind: 'video', description: 'Can a night ferry pay its way? (04:44)' }]);
  });
});

describe('a web article copied from a browser as text', () => {
  const article = readTextArticle(fs.readFileSync(fixturePath('articles', 'web-article.txt'), 'utf8'), options);

  it('does not take the glued kicker line for the headline', () => {
    expect(article.headline).toBe('Harbour town votes to bring back its night ferry');
    expect(article.section).toBe('Politics');
    expect(article.kicker).toBe('Varholm');
  });

  it('reads byline, agencies, date, teaser and Edited by', () => {
    expect(article).toMatchObject({
      bylines: ['Marta Lindqvist'],
      sources: ['Coastal Press', 'Nordic Wire', 'Fjord Radio'],
      teaser: "Varholm's council wants the island crossing back after dark, two winters after it was cut to balance the budget.",
      editedBy: ['Tomas Berg'],
    });
    expect(article.leftOut).toEqual(['the date (March 3, 2026)', "the author's bio (Marta Lindqvist)"]);
  });

  it('makes a figure of the picture lines, a subhead of the question, and lists the video', () => {
    expect(article.blocks).toEqual([
      { kind: 'figure', alt: 'The ferry Solvind moored at the quay in Varholm', caption: 'The Solvind has been laid up since the night crossings stopped', credit: 'Ola Brekke/Coastal Press' },
      { kind: 'paragraph', text: "Varholm's town council voted on Tuesday to bring back the night ferry to Brennholm island, the mayor's office said." },
      { kind: 'subhead', text: 'Why does the island want its ferry back?' },
      { kind: 'paragraph', text: 'Mayor Ingrid Solheim is due to meet the regional transport authority next week to agree on a timetable.' },
      { kind: 'paragraph', text: 'In a January letter to the council, the authority said it was "open to a shared solution".' },
    ]);
    expect(article.notKept).toEqual([{ kind: 'video', description: 'Can a night ferry pay its way? 04:44' }]);
  });

  it('splits a byline that ends with a known agency', () => {
    const text = 'Syria\n\nSyria\'s new leader visits Moscow\n\nRichard Connor Reuters, AP, AFP\nOctober 15, 2025\n\nThe president is visiting Russia.\n\nHe lands on Wednesday.';
    expect(readTextArticle(text, options)).toMatchObject({ kicker: 'Syria', section: '', bylines: ['Richard Connor'], sources: ['Reuters', 'AP', 'AFP'], teaser: 'The president is visiting Russia.' });
  });
});

describe('plain text that is not a copied article', () => {
  it('keeps the first line as headline and the rest as paragraphs', () => {
    const article = readTextArticle('Café reopens\n\nJosé Martínez is back.\n\nThe owners said so.', options);
    expect(article).toMatchObject({ headline: 'Café reopens', kicker: '', bylines: [], teaser: '' });
    expect(article.blocks).toEqual([
      { kind: 'paragraph', text: 'José Martínez is back.' },
      { kind: 'paragraph', text: 'The owners said so.' },
    ]);
  });

  it('takes no headline from a long first paragraph and loses no text', () => {
    const first = 'The council met on Tuesday and voted, after a long debate, to bring back the ferry that had been cut two winters ago. The region has not yet said who pays.';
    const article = readTextArticle(`${first}\nA second line.\n\nMore.`, options);
    expect(article.headline).toBe('');
    expect(article.blocks).toEqual([{ kind: 'paragraph', text: `${first}\nA second line.` }, { kind: 'paragraph', text: 'More.' }]);
  });

  it('does not read a first sentence as a byline without a date or "By"', () => {
    const article = readTextArticle('Ferry vote\n\nMarta Lindqvist Reports From Varholm\n\nBody.', options);
    expect(article.bylines).toEqual([]);
    expect(article.blocks[0]).toEqual({ kind: 'paragraph', text: 'Marta Lindqvist Reports From Varholm' });
  });

  it('a header with a line that is not a known label is read as a copied page, losing nothing', () => {
    const article = readTextArticle('Headline: Ferry vote\nMood: cheerful\n\nBody.', options);
    expect(article.headline).toBe('');
    expect(article.blocks).toEqual([
      { kind: 'paragraph', text: 'Headline: Ferry vote\nMood: cheerful' },
      { kind: 'paragraph', text: 'Body.' },
    ]);
  });

  it('a section label that is not one of the newsroom sections is said, not set', () => {
    const article = readTextArticle('Section: Gardening\nHeadline: Roses\n\nBody.', options);
    expect(article).toMatchObject({ section: '', headline: 'Roses' });
    expect(article.leftOut).toEqual(["the section (Gardening), which is not one of the newsroom's"]);
  });

  it('reads an empty file and a file of blank lines as nothing', () => {
    expect(readTextArticle('', options)).toMatchObject({ headline: '', blocks: [] });
    expect(readTextArticle('\n \n\t\n', options)).toMatchObject({ headline: '', blocks: [] });
  });
});
