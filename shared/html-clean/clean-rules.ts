import type { DomElement, DomNode } from './dom';

/**
 * The rules HTML cleaning (paste and import) applies to one element: whether it goes (with its
 * content), and which marks its tag and inline style stand for.
 */

export interface CleanContext {
  /** Inside a link: no nested links, and the link's own underline is not a mark. */
  inLink: boolean;
  /** Inside <pre>: line breaks are kept. */
  inPre: boolean;
  /** Only inline content may come out (headings, table cells, captions). */
  inlineOnly: boolean;
  /** Inside a heading: subheads are bold by design, so bold there is not a mark. */
  inHeading: boolean;
}

/** Removed together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'base', 'xml',
  'nav', 'header', 'footer', 'aside', 'form', 'button', 'input', 'select', 'option', 'optgroup',
  'textarea', 'label', 'output', 'datalist', 'dialog', 'menu',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal',
  'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'picture', 'img', 'map', 'area',
  'col', 'colgroup', 'wbr',
]);

/** Page furniture that a web page marks by role rather than by tag. */
const DROP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'toolbar', 'menu', 'menubar']);

/** Class or id words of sharing widgets, adverts and promotions on news sites. */
const FURNITURE_WORDS = [
  'share', 'sharing', 'social', 'newsletter', 'advert', 'advertisement', 'advertising', 'ad', 'ads',
  'promo', 'related', 'cookie', 'cookies', 'subscribe', 'paywall',
];

/** Elements built from Lede's own schema, recognised by their data-type. */
const LEDE_ASIDES = new Set(['pull-quote', 'factbox']);

export const BLOCK_OUTPUT = new Set(['P', 'H2', 'H3', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'HR', 'ASIDE', 'FIGURE', 'DIV']);

/** True for a block element of the cleaned output (it only ever holds elements made by the cleaner). */
export function isBlockOutput(node: DomNode): boolean {
  return node.nodeType === 1 && BLOCK_OUTPUT.has((node as DomElement).tagName);
}

/** Inline style as lower-case property → value, read by hand so `mso-*` properties are not lost. */
export function parseStyle(style: string | null): Map<string, string> {
  const result = new Map<string, string>();
  for (const declaration of (style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon <= 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
    if (property) result.set(property, value);
  }
  return result;
}

function isFurniture(element: DomElement): boolean {
  const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase().split(/\s+/);
  return words.some((word) =>
    FURNITURE_WORDS.some((furniture) => word === furniture || word.startsWith(`${furniture}-`) || word.startsWith(`${furniture}_`)),
  );
}

function isHidden(element: DomElement, style: Map<string, string>): boolean {
  return (
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    style.get('display') === 'none' ||
    style.get('visibility') === 'hidden' ||
    style.get('mso-hide') === 'all'
  );
}

/** True when the element and its whole content must not reach the story. */
export function shouldDrop(element: DomElement): boolean {
  const tag = element.tagName.toLowerCase();
  if (tag === 'aside' && LEDE_ASIDES.has(element.getAttribute('data-type') ?? '')) return false;
  if (DROP_WITH_CONTENT.has(tag)) return true;
  // Word's namespaced markup: <o:p> paragraph marks, <v:…> drawings. Smart tags (<st1:place>) keep their text.
  if (/^(o|v):/.test(tag)) return true;
  if (DROP_ROLES.has(element.getAttribute('role') ?? '')) return true;
  return isHidden(element, parseStyle(element.getAttribute('style'))) || isFurniture(element);
}

function isBoldWeight(value: string): boolean {
  if (value === 'bold' || value === 'bolder') return true;
  const numeric = Number.parseInt(value, 10);
  return Number.isFinite(numeric) && numeric >= 600;
}

/**
 * The marks an element stands for: its tag's own (b, i, u, s…), then its
 * inline style, which wins. Google Docs wraps a whole paste in
 * `<b style="font-weight:normal">`, which therefore is not bold. Lede's own
 * review markup as its editor shows it (a suggested deletion is a `<del
 * data-review>`) stands for nothing: its text comes in plain, never as a
 * suggestion nor as the strike-through it looks like (ADR 0072).
 */
export function marksFor(element: DomElement, tag: string, context: CleanContext): string[] {
  if (element.getAttribute('data-review') !== null) return [];
  let bold = tag === 'b' || tag === 'strong';
  let italic = tag === 'i' || tag === 'em';
  let underline = tag === 'u';
  let strike = tag === 's' || tag === 'strike' || tag === 'del';
  const style = parseStyle(element.getAttribute('style'));
  const weight = style.get('font-weight');
  if (weight !== undefined) bold = isBoldWeight(weight);
  const fontStyle = style.get('font-style');
  if (fontStyle !== undefined) italic = fontStyle === 'italic' || fontStyle.startsWith('oblique');
  const decoration = style.get('text-decoration-line') ?? style.get('text-decoration');
  if (decoration !== undefined) {
    underline = decoration.includes('underline');
    strike = decoration.includes('line-through');
  }
  // A link looks underlined already; that underline is not the author's.
  if (context.inLink || tag === 'a') underline = false;
  if (context.inHeading) bold = false;
  const marks: string[] = [];
  if (bold) marks.push('strong');
  if (italic) marks.push('em');
  if (underline) marks.push('u');
  if (strike) marks.push('s');
  return marks;
}
