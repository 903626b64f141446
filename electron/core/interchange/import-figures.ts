import type { DomDocument, DomElement } from '../../../shared/html-clean/dom';
import { isMediaHash } from '../../../shared/media-hash';

/**
 * Pictures in imported HTML become figures: before cleaning, every <img>
 * (alone, or inside a <figure> with its <figcaption>) is rewritten into the
 * figure markup the shared cleaner accepts — `<figure data-media="<sha256 or
 * empty>" data-credit><img alt><figcaption>` — with the picture's hash when
 * the media library took the bytes, or none (a figure waiting for its
 * picture, keeping caption, credit and alt text) when it did not.
 */

export interface FigureSource {
  /** The <img> src, as written in the file. */
  src: string;
  alt: string;
}

/** What the importer knows about a picture: its hash if stored, credit and alt text it found elsewhere. */
export interface ResolvedPicture {
  media: string | null;
  credit?: string;
  alt?: string;
  caption?: string;
}

export type ResolvePicture = (img: DomElement, figure: DomElement | null) => ResolvedPicture;

const CREDIT_SELECTOR = '.credit, .byline, .photographer, [class*="credit"]';

/** Every <img> of the document, with the <figure> it sits in, if any. */
export function findPictures(document: DomDocument): Array<{ img: DomElement; figure: DomElement | null }> {
  const pictures: Array<{ img: DomElement; figure: DomElement | null }> = [];
  for (const img of Array.from(document.body.querySelectorAll('img'))) {
    let figure: DomElement | null = img.parentElement;
    while (figure && figure.tagName !== 'FIGURE') figure = figure.parentElement;
    pictures.push({ img, figure });
  }
  return pictures;
}

export function rewritePictures(document: DomDocument, resolve: ResolvePicture): number {
  let count = 0;
  const done = new Set<DomElement>();
  for (const { img, figure } of findPictures(document)) {
    if (figure && done.has(figure)) {
      img.remove(); // A second picture in one figure: the figure keeps its first.
      continue;
    }
    const picture = resolve(img, figure);
    const output = document.createElement('figure');
    output.setAttribute('data-media', picture.media && isMediaHash(picture.media) ? picture.media : '');
    const alt = (img.getAttribute('alt') ?? '').trim() || picture.alt || '';
    const image = document.createElement('img');
    image.setAttribute('alt', alt);
    const caption = document.createElement('figcaption');
    let credit = picture.credit ?? '';
    if (figure) {
      for (const element of Array.from(figure.querySelectorAll(CREDIT_SELECTOR))) {
        credit ||= (element.textContent ?? '').trim();
        element.remove();
      }
      const source = figure.querySelector('figcaption');
      if (source) caption.append(...Array.from(source.childNodes));
      else if (picture.caption) caption.append(document.createTextNode(picture.caption));
    } else if (picture.caption) caption.append(document.createTextNode(picture.caption));
    if (credit) output.setAttribute('data-credit', credit);
    output.append(image, caption);
    const replaced = figure ?? img;
    replaced.parentElement?.insertBefore(output, replaced);
    replaced.remove();
    done.add(figure ?? output);
    count++;
  }
  return count;
}
