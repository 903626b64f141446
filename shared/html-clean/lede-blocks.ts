import { isSafeLinkHref } from '../links';
import { isMediaHash } from '../media-hash';
import type { CleanContext } from './clean-rules';
import type { DomElement, DomNode } from './dom';

/**
 * Copy and paste inside Lede (and an imported file) goes through the same
 * cleaner as a paste from outside, so Lede's own blocks (pull quote, factbox, figure, video embed) and
 * ProseMirror's slice marker are rebuilt here from their known attributes,
 * each value checked, instead of being dropped.
 */

type CleanChildren = (parent: DomNode, context: CleanContext) => DomNode[];

const MAX_ATTRIBUTE_TEXT = 500;

function plainAttribute(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_ATTRIBUTE_TEXT);
}

/** Video sources and posters must be web addresses; mailto: or tel: make no sense there. */
export function isWebUrl(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^https?:/i.test(value.trim()) && isSafeLinkHref(value);
}

function inlineOf(element: DomElement, context: CleanContext, cleanChildren: CleanChildren, skip?: string): DomNode[] {
  const holder = element.ownerDocument.createElement('div');
  for (const child of Array.from(element.childNodes)) {
    if (!(skip && child.nodeType === 1 && (child as DomElement).tagName.toLowerCase() === skip)) holder.append(child.cloneNode(true));
  }
  return cleanChildren(holder, { ...context, inlineOnly: true });
}

function pullQuote(element: DomElement, context: CleanContext, cleanChildren: CleanChildren): DomNode[] {
  const document = element.ownerDocument;
  const output = document.createElement('aside');
  output.setAttribute('data-type', 'pull-quote');
  const quote = document.createElement('p');
  const source = element.querySelector('p');
  quote.append(...(source ? inlineOf(source, context, cleanChildren) : inlineOf(element, context, cleanChildren, 'cite')));
  output.append(quote);
  const attribution = plainAttribute(element.querySelector('cite')?.textContent);
  if (attribution) {
    const cite = document.createElement('cite');
    cite.textContent = attribution;
    output.append(cite);
  }
  return [output];
}

function factbox(element: DomElement, context: CleanContext, cleanChildren: CleanChildren): DomNode[] {
  const output = element.ownerDocument.createElement('aside');
  output.setAttribute('data-type', 'factbox');
  output.setAttribute('data-title', plainAttribute(element.getAttribute('data-title')));
  output.append(...cleanChildren(element, { ...context, inlineOnly: false }));
  return [output];
}

function figure(element: DomElement, media: string | null, context: CleanContext, cleanChildren: CleanChildren): DomNode[] {
  const document = element.ownerDocument;
  const output = document.createElement('figure');
  // An empty data-media is a figure whose picture is not chosen yet; it keeps its caption, credit and alt text.
  output.setAttribute('data-media', media ?? '');
  const credit = plainAttribute(element.getAttribute('data-credit'));
  if (credit) output.setAttribute('data-credit', credit);
  // Only the alt text travels on the image; it has no src, so nothing loads.
  const image = document.createElement('img');
  image.setAttribute('alt', plainAttribute(element.querySelector('img')?.getAttribute('alt')));
  const caption = document.createElement('figcaption');
  const source = element.querySelector('figcaption');
  if (source) caption.append(...inlineOf(source, context, cleanChildren));
  output.append(image, caption);
  return [output];
}

function videoEmbed(element: DomElement): DomNode[] {
  const document = element.ownerDocument;
  const output = document.createElement('div');
  const title = plainAttribute(element.getAttribute('data-title'));
  output.setAttribute('data-type', 'video-embed');
  output.setAttribute('data-title', title);
  const source = element.getAttribute('data-source');
  output.setAttribute('data-source', isWebUrl(source) ? source.trim() : '');
  const duration = Number(element.getAttribute('data-duration'));
  if (Number.isFinite(duration) && duration > 0) output.setAttribute('data-duration', String(Math.round(duration)));
  const poster = element.getAttribute('data-poster');
  if (isWebUrl(poster)) output.setAttribute('data-poster', poster.trim());
  const label = document.createElement('span');
  label.textContent = title || 'Video';
  output.append(label);
  return [output];
}

/** Lede's own block rebuilt from checked values, or null when `element` is not one. */
export function cleanLedeBlock(element: DomElement, context: CleanContext, cleanChildren: CleanChildren): DomNode[] | null {
  const tag = element.tagName.toLowerCase();
  const type = element.getAttribute('data-type');
  if (tag === 'aside' && type === 'pull-quote') return pullQuote(element, context, cleanChildren);
  if (tag === 'aside' && type === 'factbox') return factbox(element, context, cleanChildren);
  const media = element.getAttribute('data-media');
  if (tag === 'figure' && isMediaHash(media)) return figure(element, media, context, cleanChildren);
  if (tag === 'figure' && media === '') return figure(element, null, context, cleanChildren);
  if (tag === 'div' && type === 'video-embed') return videoEmbed(element);
  return null;
}

/** Wrapper nodes ProseMirror may rebuild from a slice marker, with the attributes each may carry. */
const SLICE_CONTEXT_ATTRS: Record<string, (attrs: Record<string, unknown>) => Record<string, unknown> | null> = {
  paragraph: () => null,
  blockquote: () => null,
  bulletList: () => null,
  listItem: () => null,
  orderedList: (attrs) => (Number.isInteger(attrs.start) ? { start: attrs.start } : null),
  heading: (attrs) => ({ level: attrs.level === 3 ? 3 : 2 }),
  factbox: (attrs) => ({ title: plainAttribute(typeof attrs.title === 'string' ? attrs.title : '') }),
  pullQuote: (attrs) => ({ attribution: plainAttribute(typeof attrs.attribution === 'string' ? attrs.attribution : '') }),
};

function cleanSliceContext(json: string | undefined): unknown[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed) || parsed.length % 2 !== 0) return [];
  const result: unknown[] = [];
  for (let index = 0; index < parsed.length; index += 2) {
    const name = parsed[index];
    const clean = typeof name === 'string' ? SLICE_CONTEXT_ATTRS[name] : undefined;
    if (!clean) return [];
    const attrs = parsed[index + 1];
    result.push(name, clean(attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>) : {}));
  }
  return result;
}

/**
 * ProseMirror marks its own clipboard with `data-pm-slice="openStart openEnd
 * context"`, which lets a copied list item paste back as a list item. Returns
 * the marker rebuilt from checked parts, or null.
 */
export function cleanSliceMarker(root: DomElement): string | null {
  // ProseMirror marks the first element it writes; a marker anywhere else was not written by it.
  const marked = root.firstElementChild;
  const match = /^(\d{1,3}) (\d{1,3})(?: -(\d{1,2}))?(?: (.*))?$/.exec(marked?.getAttribute('data-pm-slice') ?? '');
  if (!match) return null;
  // The wrapper count (`-N`) is left out: it counts table wrappers, which cleaning flattens.
  return `${match[1]} ${match[2]} ${JSON.stringify(cleanSliceContext(match[4]))}`;
}
