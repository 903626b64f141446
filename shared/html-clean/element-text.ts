import { parseStyle } from './clean-rules';
import { isElement, type DomElement, type DomNode } from './dom';

/**
 * Text out of HTML without gluing words. A page shows "Politics" and "Syria"
 * apart because of its style sheet, which a clipboard or a saved page does
 * not carry: in the markup the two links (or a name and a <time>) touch, and
 * `textContent` reads "PoliticsSyria", "AFPOctober 15". Here a block
 * boundary, a <br> and the boundary between two touching page items (links,
 * times, elements styled as blocks) count as a space.
 */

/** Elements that start a new line when a page is shown (their boundary is a break in the text). */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Inline elements that a page lays out as separate items (a row of links, a date beside a name). */
const ITEM_TAGS = new Set(['a', 'time', 'button', 'label']);
const BLOCK_DISPLAY = /^(block|flex|grid|inline-block|inline-flex|inline-grid|list-item|table.*)$/;

export function isBlockElement(element: DomElement): boolean {
  return BLOCK_TAGS.has(element.tagName.toLowerCase());
}

/** True for an element whose edges separate words: a block, a page item, or an inline element styled as a box. */
function separates(node: DomNode): boolean {
  if (!isElement(node)) return false;
  const tag = node.tagName.toLowerCase();
  if (BLOCK_TAGS.has(tag) || ITEM_TAGS.has(tag)) return true;
  return BLOCK_DISPLAY.test(parseStyle(node.getAttribute('style')).get('display') ?? '');
}

/**
 * True when a word boundary falls at this edge of `node`: it separates, or
 * the node at that edge inside it does (`<span><a>Marta Lindqvist</a></span>`).
 */
function separatesAtEdge(node: DomNode, edge: 'start' | 'end'): boolean {
  if (separates(node)) return true;
  if (!isElement(node)) return false;
  const children = Array.from(node.childNodes).filter((child) => isElement(child) || (child.textContent ?? '').trim() !== '');
  const inner = edge === 'start' ? children[0] : children[children.length - 1];
  return inner !== undefined && separatesAtEdge(inner, edge);
}

const ENDS_WITH_SPACE = /\s$/;
/** A word starts here: punctuation that follows a link ("SANA.") stays where it is. */
const STARTS_WITH_WORD = /^[\p{L}\p{N}"'“‘«(]/u;

/**
 * Two touching elements that a page styles as different things (each with a
 * class of its own: a caption's text and its credit, an author and the
 * agencies) are laid out apart by the page's style sheet. Word's and Google
 * Docs' own runs carry no class (or the same one), so a word split into two
 * runs by formatting stays whole.
 */
function differentlyStyled(before: DomElement, after: DomElement): boolean {
  const left = (before.getAttribute('class') ?? '').trim();
  const right = (after.getAttribute('class') ?? '').trim();
  return left !== '' && right !== '' && left !== right && !/^(SpellE|GramE)$/.test(left) && !/^(SpellE|GramE)$/.test(right);
}

/**
 * Puts a space between two touching sibling elements of which at least one
 * separates words (or which are styled as different things), where neither side already has one and a word follows:
 * `<a>Politics</a><a>Syria</a>` becomes "Politics Syria". Text beside an
 * element is left alone (`<a>SANA</a>.`, `<b>un</b>fair`). Runs over the whole subtree, in place; the
 * cleaner calls it on a pasted or imported body before anything else.
 */
export function separateTouchingItems(root: DomElement): void {
  const document = root.ownerDocument;
  const visit = (parent: DomNode) => {
    const children = Array.from(parent.childNodes);
    for (let index = 1; index < children.length; index++) {
      const before = children[index - 1]!;
      const after = children[index]!;
      if (!isElement(before) || !isElement(after)) continue;
      if (!separatesAtEdge(before, 'end') && !separatesAtEdge(after, 'start') && !differentlyStyled(before, after)) continue;
      // Two blocks become two paragraphs anyway.
      if (isBlockElement(before) && isBlockElement(after)) continue;
      const left = before.textContent ?? '';
      const right = (after.textContent ?? '').trimStart();
      if (left === '' || ENDS_WITH_SPACE.test(left) || !STARTS_WITH_WORD.test(after.textContent ?? '') || right === '') continue;
      parent.insertBefore(document.createTextNode(' '), after);
    }
    for (const child of children) if (isElement(child)) visit(child);
  };
  visit(root);
}

/** An element's text as a person reads it on the page: words apart, runs of white space as one space. */
export function elementText(element: DomNode): string {
  let text = '';
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      text += node.textContent ?? '';
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'template') return;
    if (tag === 'br') {
      text += ' ';
      return;
    }
    const apart = separates(node);
    if (apart) text += ' ';
    let previous: DomNode | null = null;
    for (const child of Array.from(node.childNodes)) {
      if (previous && isElement(previous) && isElement(child) && differentlyStyled(previous, child)) text += ' ';
      walk(child);
      previous = child;
    }
    if (apart) text += ' ';
  };
  walk(element);
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
