import { elementText } from '../html-clean/element-text';
import { hasClassMark, isInside, type DomDocument, type DomElement } from '../html-clean/dom';
import { takeOutVideoPlayers } from '../html-clean/video-players';
import {
  editedByNames,
  emptyFields,
  isDateLine,
  short,
  splitKicker,
  splitNames,
  splitSources,
  type NotKeptMedia,
  type ReadArticleOptions,
  type WebArticleFields,
} from './web-article';

/**
 * A web page's article parts, read from its markup (ADR 0066). Pages mark
 * them by tag (h1, time, article), by schema.org microdata (itemprop) and by
 * class names that news sites share (kicker, byline, teaser, standfirst…):
 * each part is found by those marks, its text read with words kept apart
 * (`elementText`), and its element taken out of the document, so what is
 * left is the body, for the shared cleaner. Video players — with their
 * chrome: title, duration, play button — are always taken out and listed;
 * pictures are listed and taken out when the caller cannot keep them (a
 * paste), and left for an import to turn into figures.
 */

export interface HtmlArticleOptions extends ReadArticleOptions {
  /** 'take-out': list every picture and remove it with its caption (paste); 'keep': leave them (import makes figures). */
  images: 'take-out' | 'keep';
}

export interface HtmlArticle extends WebArticleFields {
  /**
   * True when the page is recognisably a whole article: an h1 with at least
   * one of kicker, byline, agencies, date or teaser around it, or an h1 in an
   * element that says it is an article (<article>, schema.org Article).
   */
  wholeArticle: boolean;
}

/** Class names (one word of `class`, or its last part after - or _) that mark each part. */
const MARKS = {
  kicker: ['kicker', 'overline', 'eyebrow', 'topline', 'supertitle', 'roofline', 'dachzeile'],
  byline: ['byline', 'bylines', 'author-details', 'authors', 'author', 'author-name', 'authorname', 'contributors'],
  sources: ['sources', 'source', 'agencies', 'agency'],
  teaser: ['teaser', 'standfirst', 'lead', 'intro', 'summary', 'dek', 'deck', 'subtitle', 'subheadline', 'strapline', 'description'],
  bio: ['author-bio', 'bio', 'author-box', 'about-author', 'author-info', 'author-profile'],
} as const;
const ITEMPROP = { headline: 'headline', byline: 'author', sources: 'sourceOrganization', teaser: 'description' } as const;
const ARTICLE_TYPES = /schema\.org\/(News|Report|Opinion|Analysis|Blog|Review)?Article$/i;
const SHORT_LINE = 60;

/** The first element in `scope` that carries `marks` (or `itemprop`), outside every element in `not`. */
function findMarked(scope: DomElement, marks: readonly string[], itemprop: string | null, not: Array<DomElement | null>): DomElement | null {
  for (const element of Array.from(scope.querySelectorAll('*'))) {
    if (not.some((outer) => outer && isInside(element, outer))) continue;
    if (hasClassMark(element, marks) || (itemprop !== null && element.getAttribute('itemprop') === itemprop)) return element;
  }
  return null;
}

/** The <article> (or schema.org Article) the headline sits in, if any. */
function articleAround(element: DomElement): DomElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (node.tagName === 'ARTICLE' || ARTICLE_TYPES.test(node.getAttribute('itemtype') ?? '')) return node;
  }
  return null;
}

function remove(...elements: Array<DomElement | null>): void {
  for (const element of elements) element?.remove();
}

/** Lists every picture of `root`: its alt text, else its caption, else its file name. */
function listPictures(root: DomElement, takeOut: boolean): NotKeptMedia[] {
  const notKept: NotKeptMedia[] = [];
  const figures = new Set<DomElement>();
  for (const img of Array.from(root.querySelectorAll('img'))) {
    let figure: DomElement | null = img.parentElement;
    while (figure && figure.tagName !== 'FIGURE') figure = figure.parentElement;
    if (figure && figures.has(figure)) continue;
    if (figure) figures.add(figure);
    const alt = (img.getAttribute('alt') ?? '').trim();
    const caption = figure ? elementText(figure) : '';
    const file = /([^/?#]+)(?:[?#].*)?$/.exec(img.getAttribute('src') ?? '')?.[1] ?? '';
    // A tracking pixel (an empty alt, no caption, in <noscript> or 1×1) is not a picture of the story.
    const pixel = !alt && !caption && (img.getAttribute('width') === '1' || /noscript/i.test(img.parentElement?.tagName ?? ''));
    if (!pixel && (alt || caption || file)) notKept.push({ kind: 'image', description: short(`“${alt || caption || file}”`) });
    if (takeOut) remove(figure ?? img);
  }
  return notKept;
}

/**
 * The pictures and videos a paste cannot keep, taken out of `root` (videos
 * always, with their chrome) or only listed (pictures, which the cleaner drops
 * while keeping a caption's text). For a paste into the text only.
 */
export function takeOutUnkeptMedia(root: DomElement): NotKeptMedia[] {
  const videos = takeOutVideoPlayers(root);
  return [...listPictures(root, false), ...videos];
}

/**
 * Reads the article parts of `document` and takes them out of it, leaving the
 * body. Changes `document`; the caller cleans what is left.
 */
export function readHtmlArticle(document: DomDocument, options: HtmlArticleOptions): HtmlArticle {
  const root = document.body;
  const fields = emptyFields();
  const videos = takeOutVideoPlayers(root);
  // An import keeps its pictures (as figures, with their own notes); only a paste lists them here.
  const pictures = options.images === 'take-out' ? listPictures(root, true) : [];
  const headlineElement = root.querySelector(`[itemprop="${ITEMPROP.headline}"]`) ?? root.querySelector('h1');
  // An empty h1 (a logo's, a layout's) names nothing.
  if (!headlineElement || elementText(headlineElement) === '') return { ...fields, notKept: [...pictures, ...videos], wholeArticle: false };
  const article = articleAround(headlineElement);
  const scope = article ?? root;
  fields.headline = elementText(headlineElement);

  const bio = findMarked(scope, MARKS.bio, null, []);
  const byline = findMarked(scope, MARKS.byline, ITEMPROP.byline, [bio]);
  const kicker = findMarked(scope, MARKS.kicker, null, [bio, byline]) ?? kickerBefore(headlineElement);
  const sources = findMarked(scope, MARKS.sources, ITEMPROP.sources, [bio]);
  const teaser = findMarked(scope, MARKS.teaser, ITEMPROP.teaser, [bio, byline, kicker]) ?? teaserAfter(headlineElement);
  const time = byline?.querySelector('time') ?? headlineElement.parentElement?.querySelector('time') ?? scope.querySelector('header time');
  const editedBy = editedByElement(scope);

  if (kicker) {
    // Each link or span of a kicker line is one item ("Politics", "Syria"), however the page spaced them.
    const items = Array.from(kicker.children).map(elementText).filter(Boolean);
    const split = splitKicker(items.length >= 2 ? items : [elementText(kicker)], options.sections);
    fields.section = split.section;
    fields.kicker = split.kicker;
  }
  if (sources) fields.sources = splitSources(elementText(sources));
  if (byline) fields.bylines = bylineNames(byline, sources, time, fields);
  if (teaser) fields.teaser = elementText(teaser);
  if (time) {
    const when = elementText(time);
    if (when) fields.leftOut.push(`the date (${when})`);
  }
  if (editedBy) fields.editedBy = editedByNames(elementText(editedBy)) ?? [];
  if (bio) fields.leftOut.push(`the author's bio${fields.bylines[0] ? ` (${fields.bylines[0]})` : ''}`);
  const wholeArticle = Boolean(
    article !== null || kicker || byline || sources || time || teaser || headlineElement.getAttribute('itemprop') === ITEMPROP.headline,
  );
  remove(kicker, headlineElement, byline, sources, teaser, time, editedBy, bio);
  return { ...fields, notKept: [...pictures, ...videos], wholeArticle };
}

/** Authors of a byline: its author links, else its text without agencies and date ("By Ana Ruiz and Tom Berg"). */
function bylineNames(byline: DomElement, sources: DomElement | null, time: DomElement | null, fields: WebArticleFields): string[] {
  const links = Array.from(byline.querySelectorAll('a, [itemprop="name"]')).filter(
    (element) => !(sources && isInside(element, sources)) && !(time && isInside(element, time)),
  );
  const linked = links.map(elementText).filter((name) => name !== '' && name.length <= 80);
  if (linked.length > 0) {
    // Agencies the page wrote beside the names without marking them: what is left of the line.
    if (!sources) {
      let rest = elementText(byline);
      for (const name of linked) rest = rest.replace(name, ' ');
      if (time) rest = rest.replace(elementText(time), ' ');
      const left = rest.replace(/^[\s,|·–-]+|[\s,|·–-]+$/g, '');
      if (left && !isDateLine(left)) fields.sources = splitSources(left);
    }
    return [...new Set(linked)];
  }
  let text = elementText(byline);
  if (sources) text = text.replace(elementText(sources), ' ');
  if (time) text = text.replace(elementText(time), ' ');
  return splitNames(text.replace(/\s+/g, ' ').trim());
}

/** A short line just before the headline, in the headline's own box (a header or hgroup). */
function kickerBefore(headline: DomElement): DomElement | null {
  const previous = headline.previousElementSibling;
  const box = headline.parentElement?.tagName ?? '';
  if (!previous || !['HEADER', 'HGROUP'].includes(box)) return null;
  const text = elementText(previous);
  return text && text.length <= SHORT_LINE && text.split(' ').length <= 5 && !/[.!?]$/.test(text) ? previous : null;
}

/** A paragraph just after the headline, in the headline's own box (a header or hgroup). */
function teaserAfter(headline: DomElement): DomElement | null {
  const box = headline.parentElement?.tagName ?? '';
  if (!['HEADER', 'HGROUP'].includes(box)) return null;
  for (let next = headline.nextElementSibling; next; next = next.nextElementSibling) {
    if (next.tagName === 'P' && elementText(next)) return next;
  }
  return null;
}

/** The outermost short element that reads "Edited by: …". */
function editedByElement(scope: DomElement): DomElement | null {
  for (const element of Array.from(scope.querySelectorAll('*'))) {
    // textContent first: cheap, and it rules out nearly every element.
    const raw = element.textContent ?? '';
    if (raw.length > 400 || !/edited\s*by/i.test(raw)) continue;
    const text = elementText(element);
    if (text.length <= 200 && editedByNames(text) !== null) return element;
  }
  return null;
}
