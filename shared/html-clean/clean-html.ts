import { isSafeLinkHref } from '../links';
import { isBlockOutput, marksFor, shouldDrop, type CleanContext } from './clean-rules';
import { isElement, type DomDocument, type DomElement, type DomNode, type DomText } from './dom';
import { separateTouchingItems } from './element-text';
import { cleanLedeBlock, cleanSliceMarker } from './lede-blocks';
import { takeOutVideoPlayers } from './video-players';
import { convertWordLists } from './word-lists';

/**
 * HTML cleaning, for paste and for imported files alike: whatever Word,
 * Google Docs, a web page or a converted document holds is rebuilt, element
 * by element, from an allow-list (paragraphs, h2/h3, lists, quotes, rule,
 * line break, bold/italic/underline/strike, safe links, and Lede's own
 * blocks). Nothing is copied wholesale, so no attribute, class, style, script
 * or handler can slip through. The caller parses the HTML into an inert
 * document with its own DOM (the browser's DOMParser in the renderer,
 * linkedom in core): one set of rules, two parsers.
 */

export type { CleanContext } from './clean-rules';

const PARAGRAPH_LIKE = new Set([
  'p', 'div', 'section', 'article', 'main', 'center', 'body', 'html', 'figure', 'figcaption', 'caption',
  'dd', 'dt', 'dl', 'address', 'summary', 'details', 'hgroup', 'fieldset', 'legend', 'pre',
  'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
]);
/** Separates table cells once a row becomes a paragraph. */
const CELL_SEPARATOR = ' | ';

function isBlankInline(node: DomNode): boolean {
  if (node.nodeType === 3) return (node.textContent ?? '').trim() === '';
  return (node as DomElement).tagName === 'BR';
}

/**
 * Children of a block container: inline runs become paragraphs whenever blocks
 * are present too, so `<div>a</div><div>b</div>` stays two paragraphs instead
 * of running together.
 */
function blocksFrom(document: DomDocument, nodes: DomNode[], wrapInlineOnly: boolean): DomNode[] {
  if (!nodes.some(isBlockOutput)) {
    if (!wrapInlineOnly) return nodes;
    if (nodes.every(isBlankInline)) return [];
    const paragraph = document.createElement('p');
    paragraph.append(...nodes);
    return [paragraph];
  }
  const result: DomNode[] = [];
  let run: DomNode[] = [];
  const flush = () => {
    if (run.length > 0 && !run.every(isBlankInline)) {
      const paragraph = document.createElement('p');
      paragraph.append(...run);
      result.push(paragraph);
    }
    run = [];
  };
  for (const node of nodes) {
    if (isBlockOutput(node)) {
      flush();
      result.push(node);
    } else run.push(node);
  }
  flush();
  return result;
}

/** Block content flattened into inline content, blocks separated by a space (headings, cells). */
function toInline(document: DomDocument, nodes: DomNode[]): DomNode[] {
  const result: DomNode[] = [];
  for (const node of nodes) {
    if (!isBlockOutput(node)) {
      result.push(node);
      continue;
    }
    const inner = toInline(document, Array.from(node.childNodes));
    if (inner.length === 0) continue;
    if (result.length > 0) result.push(document.createTextNode(' '));
    result.push(...inner);
  }
  return result;
}

/** Wraps inline runs (also those inside blocks) in the given mark elements. */
function applyMarks(document: DomDocument, nodes: DomNode[], marks: string[]): DomNode[] {
  if (marks.length === 0) return nodes;
  return wrapInlineRuns(nodes, (run) => {
    let inner: DomNode[] = run;
    for (const tag of marks) {
      const mark = document.createElement(tag);
      mark.append(...inner);
      inner = [mark];
    }
    return [inner[0]!];
  });
}

/**
 * Applies `wrap` to each run of inline nodes; block nodes keep their place
 * and have their own children wrapped the same way.
 */
function wrapInlineRuns(nodes: DomNode[], wrap: (run: DomNode[]) => DomNode[]): DomNode[] {
  const result: DomNode[] = [];
  let run: DomNode[] = [];
  const flush = () => {
    if (run.length > 0) result.push(...wrap(run));
    run = [];
  };
  for (const node of nodes) {
    if (!isBlockOutput(node)) {
      run.push(node);
      continue;
    }
    flush();
    const element = node as DomElement;
    element.replaceChildren(...wrapInlineRuns(Array.from(element.childNodes), wrap));
    result.push(element);
  }
  flush();
  return result;
}

function cleanText(document: DomDocument, text: DomText, context: CleanContext): DomNode[] {
  if (!context.inPre) return [document.createTextNode(text.data)];
  // Preformatted line breaks would collapse into spaces; keep them as hard breaks.
  const result: DomNode[] = [];
  text.data.split('\n').forEach((line, index) => {
    if (index > 0) result.push(document.createElement('br'));
    if (line !== '') result.push(document.createTextNode(line));
  });
  return result;
}

function cleanChildren(parent: DomNode, context: CleanContext): DomNode[] {
  const result: DomNode[] = [];
  for (const child of Array.from(parent.childNodes)) result.push(...cleanNode(child, context));
  return result;
}

function cleanTable(table: DomElement, context: CleanContext): DomNode[] {
  const document = table.ownerDocument;
  const cellContext = { ...context, inlineOnly: true };
  const result: DomNode[] = [];
  const addParagraph = (content: DomNode[]) => {
    if (content.every(isBlankInline)) return;
    const paragraph = document.createElement('p');
    paragraph.append(...content);
    result.push(paragraph);
  };
  const visit = (element: DomElement) => {
    for (const child of Array.from(element.children)) {
      const tag = child.tagName.toLowerCase();
      if (tag === 'caption') addParagraph(cleanChildren(child, cellContext));
      else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') visit(child);
      else if (tag === 'tr') {
        const row: DomNode[] = [];
        for (const cell of Array.from(child.children)) {
          if (shouldDrop(cell)) continue;
          const content = cleanChildren(cell, cellContext);
          if (content.every(isBlankInline)) continue;
          if (row.length > 0) row.push(document.createTextNode(CELL_SEPARATOR));
          row.push(...content);
        }
        addParagraph(row);
      }
    }
  };
  visit(table);
  return result;
}

function cleanList(list: DomElement, tag: 'ul' | 'ol', context: CleanContext): DomNode[] {
  const document = list.ownerDocument;
  const output = document.createElement(tag);
  const start = Number.parseInt(list.getAttribute('start') ?? '', 10);
  if (tag === 'ol' && Number.isInteger(start) && start > 1) output.setAttribute('start', String(start));
  let pending: DomNode[] = [];
  const flushStray = () => {
    if (pending.length > 0 && !pending.every(isBlankInline)) {
      const item = document.createElement('li');
      item.append(...blocksFrom(document, pending, true));
      output.append(item);
    }
    pending = [];
  };
  for (const node of cleanChildren(list, { ...context, inlineOnly: false })) {
    const element = node.nodeType === 1 ? (node as DomElement) : null;
    if (element?.tagName === 'LI') {
      flushStray();
      output.append(element);
    } else if ((element?.tagName === 'UL' || element?.tagName === 'OL') && output.lastElementChild) {
      // Google Docs nests a list directly in its parent list; it belongs to the item before it.
      flushStray();
      output.lastElementChild.append(element);
    } else pending.push(node);
  }
  flushStray();
  return output.childNodes.length > 0 ? [output] : [];
}

/** Word styles a paragraph as a heading or quote by class name only. */
function wordParagraphRole(element: DomElement): 'h2' | 'h3' | 'quote' | null {
  const className = element.getAttribute('class') ?? '';
  if (/\bMsoTitle\b/.test(className)) return 'h2';
  if (/\bMsoSubtitle\b/.test(className)) return 'h3';
  const heading = /\bMsoHeading(\d)\b/.exec(className);
  if (heading) return Number(heading[1]) <= 2 ? 'h2' : 'h3';
  if (/\bMso(Intense)?Quote\b/.test(className)) return 'quote';
  return null;
}

function cleanElement(element: DomElement, context: CleanContext): DomNode[] {
  const document = element.ownerDocument;
  const tag = element.tagName.toLowerCase();
  const headingLevel = /^h([1-6])$/.exec(tag)?.[1];
  const wordRole = tag === 'p' ? wordParagraphRole(element) : null;
  const isHeading = headingLevel !== undefined || wordRole === 'h2' || wordRole === 'h3';
  const marks = marksFor(element, tag, isHeading ? { ...context, inHeading: true } : context);
  const inner = (childContext: CleanContext) => applyMarks(document, cleanChildren(element, childContext), marks);
  const block = (name: string, children: DomNode[]) => {
    const output = document.createElement(name);
    output.append(...children);
    return [output];
  };
  if (isHeading) {
    const name = wordRole === 'h2' || wordRole === 'h3' ? wordRole : Number(headingLevel) <= 2 ? 'h2' : 'h3';
    const content = toInline(document, inner({ ...context, inlineOnly: true, inHeading: true }));
    return content.every(isBlankInline) ? [] : block(name, content);
  }
  if (wordRole === 'quote') {
    const quote = block('blockquote', blocksFrom(document, inner(context), true))[0] as DomElement;
    quote.setAttribute('data-word-quote', '');
    return [quote];
  }
  switch (tag) {
    case 'ul':
    case 'ol':
      return applyMarks(document, cleanList(element, tag, context), marks);
    case 'li':
      return block('li', blocksFrom(document, inner(context), false));
    case 'blockquote':
      return block('blockquote', blocksFrom(document, inner(context), true));
    case 'table':
      return applyMarks(document, cleanTable(element, context), marks);
    case 'hr':
      return [document.createElement('hr')];
    case 'br':
      return [document.createElement('br')];
    case 'a': {
      const href = (element.getAttribute('href') ?? '').trim();
      const children = cleanChildren(element, { ...context, inLink: true });
      if (context.inLink || !isSafeLinkHref(href)) return applyMarks(document, children, marks);
      const link = document.createElement('a');
      link.setAttribute('href', href);
      return applyMarks(document, applyLink(children, link), marks);
    }
    default:
      if (PARAGRAPH_LIKE.has(tag)) {
        return blocksFrom(document, inner({ ...context, inPre: context.inPre || tag === 'pre' }), true);
      }
      // Anything else (span, font, b, i, Word's smart tags…) keeps its text and its marks.
      return inner(context);
  }
}

/** A link wraps inline runs; a link around blocks (a card on a web page) links each block's text. */
function applyLink(nodes: DomNode[], link: DomElement): DomNode[] {
  return wrapInlineRuns(nodes, (run) => {
    if (run.every(isBlankInline)) return run;
    const copy = link.cloneNode(false) as DomElement;
    copy.append(...run);
    return [copy];
  });
}

function cleanNode(node: DomNode, context: CleanContext): DomNode[] {
  const document = node.ownerDocument!;
  if (node.nodeType === 3) return cleanText(document, node as DomText, context);
  // Comments (Word's conditional comments included), processing instructions: gone.
  if (!isElement(node)) return [];
  const element = node;
  if (shouldDrop(element)) return [];
  const output = cleanLedeBlock(element, context, cleanChildren) ?? cleanElement(element, context);
  return context.inlineOnly ? toInline(document, output) : output;
}

function hasVisibleContent(element: DomElement): boolean {
  if ((element.textContent ?? '').replace(/[\s\u00a0\u200b]/g, '') !== '') return true;
  return element.querySelector('hr, figure, div[data-type="video-embed"]') !== null;
}

/** Removes what cleaning left empty, and joins Word quote paragraphs into one quote. */
function tidy(container: DomElement): void {
  for (const element of Array.from(container.querySelectorAll('p, h2, h3, li, ul, ol, blockquote')).reverse()) {
    if (!hasVisibleContent(element)) element.remove();
  }
  for (const quote of Array.from(container.querySelectorAll('blockquote[data-word-quote]'))) {
    const previous = quote.previousElementSibling;
    if (previous?.tagName === 'BLOCKQUOTE' && previous.hasAttribute('data-word-quote')) {
      previous.append(...Array.from(quote.childNodes));
      quote.remove();
    }
  }
  for (const quote of Array.from(container.querySelectorAll('blockquote[data-word-quote]'))) {
    quote.removeAttribute('data-word-quote');
  }
}

/**
 * Cleans a parsed document's body into a new element of the same document,
 * ready to serialise or to hand to ProseMirror's DOMParser. The caller's
 * parsed document is taken apart in the process.
 */
export function cleanHtmlDocument(document: DomDocument): DomElement {
  const slice = cleanSliceMarker(document.body);
  convertWordLists(document.body);
  separateTouchingItems(document.body);
  // The web-article readers have listed them already where a person is told (paste, import).
  takeOutVideoPlayers(document.body);
  const context: CleanContext = { inLink: false, inPre: false, inlineOnly: false, inHeading: false };
  // Entirely inline content (a few copied words) stays inline, so it pastes into the line.
  const content = blocksFrom(document, cleanChildren(document.body, context), false);
  const container = document.createElement('div');
  container.append(...content);
  tidy(container);
  const first = container.firstElementChild;
  if (slice && first && container.firstChild === first) first.setAttribute('data-pm-slice', slice);
  return container;
}
