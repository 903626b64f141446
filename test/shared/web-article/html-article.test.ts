import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToBodyJson, parseInertHtml, parseCleaned } from '../../../electron/core/interchange/html-to-doc';
import { DEFAULT_SECTIONS } from '../../../shared/config';
import { cleanHtmlDocument } from '../../../shared/html-clean/clean-html';
import { elementText } from '../../../shared/html-clean/element-text';
import { readHtmlArticle, takeOutUnkeptMedia } from '../../../shared/web-article/html-article';
import { describeNotKept } from '../../../shared/web-article/web-article';
import { fixturePath } from '../../helpers/fixtures';

/** The HTML reader of a web article (ADR 0066), on linkedom as core runs it; the parity test runs the cleaner on a browser DOM too. */

const wholeArticle = fs.readFileSync(fixturePath('paste', 'whole-article.html'), 'utf8');
const newsWebPage = fs.readFileSync(fixturePath('paste', 'news-web-page.html'), 'utf8');
const options = { sections: DEFAULT_SECTIONS, images: 'take-out' as const };

/** Every text of a body, block by block. */
function blockTexts(json: Record<string, unknown>): string[] {
  const texts: string[] = [];
  const text = (node: any): string => (node.text ?? '') + (node.content ?? []).map(text).join('');
  for (const node of (json.content as any[]) ?? []) texts.push(`${node.type}${node.attrs?.level ? node.attrs.level : ''}: ${text(node)}`);
  return texts;
}

function readAndClean(html: string) {
  const document = parseInertHtml(html);
  const article = readHtmlArticle(document, options);
  const body = parseCleaned(cleanHtmlDocument(document)).toJSON() as Record<string, unknown>;
  return { article, body };
}

describe('a whole article page (kicker, byline with agencies, date, teaser, video, Edited by, bio)', () => {
  const { article, body } = readAndClean(wholeArticle);

  it('is recognised and fills every field it names', () => {
    expect(article).toMatchObject({
      wholeArticle: true,
      section: 'Politics',
      kicker: 'Varholm',
      headline: 'Harbour town votes to bring back its night ferry',
      teaser: "Varholm's council wants the island crossing back after dark, two winters after it was cut to balance the budget.",
      bylines: ['Marta Lindqvist'],
      sources: ['Coastal Press', 'Nordic Wire', 'Fjord Radio'],
      editedBy: ['Tomas Berg'],
    });
    expect(article.leftOut).toEqual(['the date (March 3, 2026)', "the author's bio (Marta Lindqvist)"]);
  });

  it('lists the picture and the video it cannot keep, with their own words', () => {
    expect(article.notKept).toEqual([
      { kind: 'image', description: '“The ferry Solvind moored at the quay in Varholm”' },
      { kind: 'video', description: 'Can a night ferry pay its way? 04:44' },
    ]);
    expect(describeNotKept(article.notKept)).toBe('1 image (“The ferry Solvind moored at the quay in Varholm”), 1 video (Can a night ferry pay its way? 04:44)');
  });

  it('leaves the body without the header, the player chrome, Edited by or the bio', () => {
    expect(blockTexts(body)).toEqual([
      "paragraph: Varholm's town council voted on Tuesday to bring back the night ferry to Brennholm island, the mayor's office said.",
      'heading2: Why does the island want its ferry back?',
      'paragraph: Mayor Ingrid Solheim is due to meet the regional transport authority next week to agree on a timetable.',
      'paragraph: In a January letter to the council, the authority said it was "open to a shared solution".',
    ]);
  });

  it('pasted into the text only, glues no words and turns no player chrome into a subhead', () => {
    const document = parseInertHtml(wholeArticle);
    const notKept = takeOutUnkeptMedia(document.body);
    const texts = blockTexts(parseCleaned(cleanHtmlDocument(document)).toJSON() as Record<string, unknown>);
    expect(texts.slice(0, 4)).toEqual([
      'paragraph: Politics Varholm',
      'heading2: Harbour town votes to bring back its night ferry',
      'paragraph: Marta Lindqvist Coastal Press, Nordic Wire, Fjord Radio March 3, 2026',
      "paragraph: Varholm's council wants the island crossing back after dark, two winters after it was cut to balance the budget.",
    ]);
    const all = texts.join('\n');
    for (const glued of ['PoliticsVarholm', 'LindqvistCoastal', 'RadioMarch', 'stoppedImage', 'Play Video', '04:44', 'Can a night ferry']) {
      expect(all).not.toContain(glued);
    }
    expect(notKept.map((item) => item.kind)).toEqual(['image', 'video']);
  });
});

describe('the cleaner alone (every paste and import)', () => {
  it('takes a video player out whole: no title subhead, no running time, no play button', () => {
    const text = JSON.stringify(htmlToBodyJson(wholeArticle));
    for (const chrome of ['Can a night ferry', '04:44', 'Play Video']) expect(text).not.toContain(chrome);
    expect(text).toContain('In a January letter');
  });
});

describe('the news web page fixture (an h1 in a schema.org NewsArticle)', () => {
  const { article, body } = readAndClean(newsWebPage);

  it('is a whole article with a headline and nothing else to fill', () => {
    expect(article).toMatchObject({ wholeArticle: true, headline: "Syria's new leader visits Moscow for talks with Putin", kicker: '', teaser: '', bylines: [], sources: [] });
  });

  it('lists the hero picture and the video, not the tracking pixel', () => {
    expect(article.notKept).toEqual([
      { kind: 'image', description: "“Syria's interim President Ahmed Al-Sharaa”" },
      { kind: 'video', description: 'from video.example-news.com' },
    ]);
  });

  it('keeps the body from the first paragraph on, without the headline or the caption', () => {
    const texts = blockTexts(body);
    expect(texts[0]).toMatch(/^paragraph: Syria's transitional President Ahmed al-Sharaa is visiting Moscow/);
    expect(texts.join('\n')).not.toMatch(/talks with Putin|Image: Syrian Presidency/);
  });
});

describe('words kept apart where text is read', () => {
  it('reads a block boundary, a <br> and touching links as spaces', () => {
    const document = parseInertHtml('<div id="x"><a href="/p">Politics</a><a href="/s">Syria</a><div>Reuters, AP, AFP</div><time>October 15, 2025</time>Line<br>break</div>');
    expect(elementText(document.body)).toBe('Politics Syria Reuters, AP, AFP October 15, 2025 Line break');
  });

  it('leaves punctuation after a link and a word split by formatting alone', () => {
    const json = htmlToBodyJson('<p>According to <a href="https://sana.sy/">SANA</a>. An <b>un</b>fair <i>deal</i><b>!</b></p>');
    expect(blockTexts(json)).toEqual(['paragraph: According to SANA. An unfair deal!']);
  });

  it('separates a caption from its credit when the page styles them apart', () => {
    const json = htmlToBodyJson('<p><span class="caption-text">Laid up since the crossings stopped</span><span class="credit">Image: Ola Brekke</span></p>');
    expect(blockTexts(json)).toEqual(['paragraph: Laid up since the crossings stopped Image: Ola Brekke']);
    expect(elementText(parseInertHtml('<p><span class="a">Laid up</span><span class="b">Image</span></p>').body)).toBe('Laid up Image');
  });

  it('separates a name and a date that the page set side by side', () => {
    const json = htmlToBodyJson('<p><span class="agencies">Reuters, AP, AFP</span><time datetime="2025-10-15">October 15, 2025</time></p>');
    expect(blockTexts(json)).toEqual(['paragraph: Reuters, AP, AFP October 15, 2025']);
  });
});

describe('pages that are not whole articles', () => {
  it('a few paragraphs without h1 are not an article', () => {
    const article = readHtmlArticle(parseInertHtml('<p>One.</p><p>Two.</p>'), options);
    expect(article.wholeArticle).toBe(false);
    expect(article.headline).toBe('');
  });

  it('an h1 alone, with nothing around it, is not a whole article', () => {
    expect(readHtmlArticle(parseInertHtml('<h1>Notes</h1><p>One.</p>'), options).wholeArticle).toBe(false);
  });

  it('an empty h1 names nothing, even inside an <article>', () => {
    const article = readHtmlArticle(parseInertHtml('<article><h1> </h1><p class="teaser">Lead.</p><p>Body.</p></article>'), options);
    expect(article).toMatchObject({ wholeArticle: false, headline: '', teaser: '' });
  });

  it('hostile markup in the header gives plain text only', () => {
    const document = parseInertHtml(
      '<article><h1>Ferry<script>alert(1)</script> vote</h1><div class="byline"><a href="javascript:steal()">Eve<img src=x onerror="alert(2)"></a></div><div class="editors">Edited by:</div><p>Body.</p></article>',
    );
    const article = readHtmlArticle(document, options);
    expect(article).toMatchObject({ wholeArticle: true, headline: 'Ferry vote', bylines: ['Eve'], editedBy: [] });
    expect(document.body.innerHTML).not.toMatch(/Ferry|Eve|Edited/);
  });

  it("keeps Lede's own video embed", () => {
    const document = parseInertHtml('<p>Intro.</p><div data-type="video-embed" data-title="Bases" data-source="https://video.example.org/a.mp4" data-duration="284"><span>Bases</span></div>');
    expect(takeOutUnkeptMedia(document.body)).toEqual([]);
    expect(JSON.stringify(parseCleaned(cleanHtmlDocument(document)).toJSON())).toContain('"videoEmbed"');
  });
});
