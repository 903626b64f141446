import type { BodyJson } from '../../../shared/article-body';
import type { DomDocument, DomElement } from '../../../shared/html-clean/dom';
import { elementText } from '../../../shared/html-clean/element-text';
import { isMediaHash } from '../../../shared/media-hash';
import { cleanedDocumentToBody } from './html-to-doc';
import { findPictures, rewritePictures, type ResolvedPicture } from './import-figures';
import { mediaHashFromHref, type MediaCatalog } from '../../../shared/interchange/media-catalog';

/**
 * The common end of every import that arrives as HTML (a Word document
 * through mammoth, an HTML or Markdown file, a ninjs body): pictures are
 * stored through the media catalog when it can and become figures, then the
 * shared cleaning rules rebuild the body from the schema.
 */

export interface EmbeddedPicture {
  bytes: Uint8Array;
  name: string;
}

export interface PictureContext {
  catalog: MediaCatalog;
  /** Pictures that came inside the file (a .docx), by the src the converter gave them. */
  embedded?: Map<string, EmbeddedPicture>;
  /** What an association (ninjs) says about the picture a figure refers to. */
  describeFigure?(figure: DomElement | null, img: DomElement): ResolvedPicture | null;
}

const ACTIVE_CONTENT = 'script, iframe, object, embed, applet, form, frame, frameset, style, link[rel="stylesheet"]';

/** Converts a parsed document's body into a story body, storing its pictures first. */
export async function documentToBody(document: DomDocument, context: PictureContext, notes: string[]): Promise<BodyJson> {
  const removed = document.body.querySelectorAll(ACTIVE_CONTENT).length;
  const pictures = findPictures(document);
  const resolved = new Map<DomElement, ResolvedPicture>();
  let notStored = 0;
  let notDownloaded = 0;
  const refusals: string[] = [];
  const bySource = new Map<string, string | null>();

  for (const { img, figure } of pictures) {
    const src = (img.getAttribute('src') ?? '').trim();
    const described = context.describeFigure?.(figure, img) ?? null;
    if (described) {
      if (!described.media && /^https?:/i.test(src)) notDownloaded++;
      resolved.set(img, described);
      continue;
    }
    const known = mediaHashFromHref(src);
    if (known) {
      resolved.set(img, { media: known });
      continue;
    }
    const bytes = context.embedded?.get(src) ?? dataUriPicture(src);
    if (!bytes) {
      if (/^https?:/i.test(src)) notDownloaded++;
      resolved.set(img, { media: null });
      continue;
    }
    if (!bySource.has(src)) bySource.set(src, await storePicture(context.catalog, bytes, refusals));
    const media = bySource.get(src) ?? null;
    if (!media && context.catalog.importBytes === undefined) notStored++;
    resolved.set(img, { media: media && isMediaHash(media) ? media : null });
  }
  rewritePictures(document, (img) => resolved.get(img) ?? { media: null });

  if (notStored) {
    notes.push(
      `${plural(notStored, 'picture')} from the file could not be stored: this Lede has no media library to keep ${notStored === 1 ? 'it' : 'them'} in yet. ${notStored === 1 ? 'Its figure keeps' : 'Their figures keep'} caption and alt text; choose the picture from the photo desk.`,
    );
  }
  if (refusals.length) {
    notes.push(
      `${plural(refusals.length, 'picture')} from the file could not be stored (${refusals.join('; ')}). ${refusals.length === 1 ? 'Its figure keeps' : 'Their figures keep'} caption and alt text.`,
    );
  }
  if (notDownloaded) {
    notes.push(`${plural(notDownloaded, 'picture')} on the web ${notDownloaded === 1 ? 'was' : 'were'} not downloaded; ${notDownloaded === 1 ? 'its figure keeps' : 'their figures keep'} caption and alt text.`);
  }
  if (removed) notes.push(`Removed ${plural(removed, 'script, style or embedded object', 'scripts, styles and embedded objects')}; nothing in the file was run.`);
  return cleanedDocumentToBody(document).toJSON() as BodyJson;
}

/**
 * Stores one picture through the media library; a picture the library refuses
 * (damaged, not an image) costs its figure the picture, not the whole import.
 */
async function storePicture(catalog: MediaCatalog, picture: EmbeddedPicture, refusals: string[]): Promise<string | null> {
  if (!catalog.importBytes) return null;
  try {
    return (await catalog.importBytes(picture.bytes, picture.name)).sha256;
  } catch (error) {
    refusals.push(error instanceof Error ? error.message : String(error));
    return null;
  }
}

function dataUriPicture(src: string): EmbeddedPicture | null {
  const match = /^data:(image\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]+)$/i.exec(src);
  if (!match) return null;
  const extension = match[1]!.split('/')[1]!.replace('jpeg', 'jpg').replace(/\+.*/, '');
  return { bytes: new Uint8Array(Buffer.from(match[2]!, 'base64')), name: `picture.${extension}` };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Text of the first element matching `selector`, removed from the document. */
export function takeText(document: DomDocument, selector: string): string {
  const element = document.body.querySelector(selector);
  if (!element) return '';
  const text = elementText(element);
  element.remove();
  return text;
}
