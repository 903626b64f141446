import mammoth from 'mammoth';
import { LedeError } from '../../../shared/errors';
import { documentToBody, takeText, type EmbeddedPicture } from './html-import';
import { parseInertHtml } from './html-to-doc';
import type { ImportedDraft } from './imported-draft';
import type { MediaCatalog } from '../../../shared/interchange/media-catalog';
import { inspectDocx } from './zip-inspect';

/**
 * Word (.docx) through mammoth: headings, lists, bold, italic, underline,
 * strike, links, quotes and tables come out as plain semantic HTML, which
 * then goes through the same cleaning as a paste. The document's Title
 * becomes the headline and its Subtitle the teaser; pictures are handed to
 * the media catalog and become figures (a paragraph styled "Caption" right
 * after a picture becomes its caption).
 */

const STYLE_MAP = [
  "p[style-name='Title'] => h1.lede-title:fresh",
  "p[style-name='Subtitle'] => p.lede-subtitle:fresh",
  "p[style-name='Caption'] => p.lede-caption:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  'u => u',
  'strike => s',
];

export async function docxToDraft(bytes: Uint8Array, name: string, catalog: MediaCatalog): Promise<ImportedDraft> {
  inspectDocx(bytes, name);
  const embedded = new Map<string, EmbeddedPicture>();
  let result: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: true,
        // Never follow a picture linked to a file on disk or the network.
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          const src = `lede-image:${embedded.size + 1}`;
          const extension = (image.contentType.split('/')[1] ?? 'bin').replace('jpeg', 'jpg').replace(/\+.*/, '');
          embedded.set(src, { bytes: new Uint8Array(await image.readAsBuffer()), name: `${name.replace(/\.docx$/i, '')}-${embedded.size + 1}.${extension}` });
          return { src };
        }),
      },
    );
  } catch (error) {
    throw new LedeError('unsupported_file', `“${name}” could not be read as a Word document (${error instanceof Error ? error.message : String(error)}). It may be damaged; save it again from Word and retry.`);
  }
  const notes: string[] = [];
  const unknownStyles = new Set(result.messages.map((m) => /Unrecognised (?:paragraph|run) style: '([^']+)'/.exec(m.message)?.[1]).filter(Boolean));
  if (unknownStyles.size) notes.push(`Text in Word styles Lede does not know (${[...unknownStyles].slice(0, 4).join(', ')}) was imported as plain paragraphs.`);

  const document = parseInertHtml(result.value);
  const headline = takeText(document, 'h1.lede-title') || firstHeadingAsHeadline(document);
  const teaser = takeText(document, 'p.lede-subtitle');
  attachWordCaptions(document);
  const body = await documentToBody(document, { catalog, embedded }, notes);
  return { format: 'docx', seed: { headline, teaser }, body, notes };
}

/** A document that opens with a Heading 1 names its story with it. */
function firstHeadingAsHeadline(document: ReturnType<typeof parseInertHtml>): string {
  const first = document.body.firstElementChild;
  if (first?.tagName !== 'H1' || document.body.querySelectorAll('h1').length !== 1) return '';
  const text = (first.textContent ?? '').replace(/\s+/g, ' ').trim();
  first.remove();
  return text;
}

/** A "Caption" paragraph right after a picture's paragraph is that picture's caption: wrap both in a <figure>. */
function attachWordCaptions(document: ReturnType<typeof parseInertHtml>): void {
  for (const caption of Array.from(document.body.querySelectorAll('p.lede-caption'))) {
    const previous = caption.previousElementSibling;
    const img = previous?.querySelector('img');
    if (!previous || !img || (previous.textContent ?? '').trim() !== '') {
      caption.removeAttribute('class');
      continue;
    }
    const figure = document.createElement('figure');
    const figcaption = document.createElement('figcaption');
    figcaption.append(...Array.from(caption.childNodes));
    figure.append(img, figcaption);
    previous.parentElement?.insertBefore(figure, previous);
    previous.remove();
    caption.remove();
  }
}
