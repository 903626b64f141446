import type { DomElement, DomNode } from './dom';

/**
 * Microsoft Word does not put lists on the clipboard as <ul>/<ol>: each item is
 * a paragraph (class `MsoListParagraph…`, style `mso-list:l0 level1 lfo1`)
 * whose first span (`mso-list:Ignore`) holds the typed bullet or number. This
 * turns runs of such paragraphs back into real, nested lists, in place, on the
 * inert document parsed from the clipboard.
 */

const LIST_STYLE = /mso-list\s*:\s*(l\d+)\s+level(\d+)/i;
const IGNORE_STYLE = /mso-list\s*:\s*ignore/i;
/** "1." "a)" "iv." "(3)": a typed number means an ordered list; anything else is a bullet. */
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]{1,2}|[ivxlcdm]+)[.)]$/i;

interface WordListItem {
  paragraph: DomElement;
  list: string;
  level: number;
  ordered: boolean;
}

function markerOf(paragraph: DomElement): DomElement | null {
  for (const span of paragraph.querySelectorAll('span')) {
    if (IGNORE_STYLE.test(span.getAttribute('style') ?? '')) return span;
  }
  return null;
}

function readListItem(element: DomElement): WordListItem | null {
  if (element.tagName !== 'P') return null;
  const style = element.getAttribute('style') ?? '';
  const match = LIST_STYLE.exec(style);
  const marker = markerOf(element);
  const isListParagraph = /MsoListParagraph/i.test(element.getAttribute('class') ?? '');
  if (!match && !(isListParagraph && marker)) return null;
  const markerText = (marker?.textContent ?? '').replace(/[\s\u00a0]+/g, '');
  return {
    paragraph: element,
    list: match?.[1] ?? 'l-unknown',
    level: Math.max(1, Number(match?.[2] ?? 1)),
    ordered: ORDERED_MARKER.test(markerText),
  };
}

function isBlankText(node: DomNode): boolean {
  return node.nodeType === 3 && (node.textContent ?? '').trim() === '';
}

function isComment(node: DomNode): boolean {
  return node.nodeType === 8;
}

/** Moves the item's content (without its typed marker) into a new <li>. */
function toListItem(item: WordListItem): DomElement {
  const document = item.paragraph.ownerDocument;
  markerOf(item.paragraph)?.remove();
  const li = document.createElement('li');
  while (item.paragraph.firstChild) li.appendChild(item.paragraph.firstChild);
  return li;
}

function buildList(run: WordListItem[]): DomElement {
  const document = run[0]!.paragraph.ownerDocument;
  const makeList = (ordered: boolean) => document.createElement(ordered ? 'ol' : 'ul');
  const root = makeList(run[0]!.ordered);
  const stack: Array<{ level: number; list: DomElement }> = [{ level: run[0]!.level, list: root }];
  for (const item of run) {
    while (stack.length > 1 && item.level < stack[stack.length - 1]!.level) stack.pop();
    let top = stack[stack.length - 1]!;
    const parentItem = top.list.lastElementChild;
    if (item.level > top.level && parentItem) {
      const nested = makeList(item.ordered);
      parentItem.appendChild(nested);
      top = { level: item.level, list: nested };
      stack.push(top);
    }
    top.list.appendChild(toListItem(item));
  }
  return root;
}

function convertRuns(parent: DomElement): void {
  let run: WordListItem[] = [];
  const flush = () => {
    const first = run[0];
    if (!first) return;
    parent.insertBefore(buildList(run), first.paragraph);
    for (const item of run) item.paragraph.remove();
    run = [];
  };
  for (const child of Array.from(parent.childNodes)) {
    if (isBlankText(child) || isComment(child)) continue;
    const item = child.nodeType === 1 ? readListItem(child as DomElement) : null;
    if (!item) {
      flush();
      continue;
    }
    // Two different Word lists side by side stay two lists.
    if (run.length > 0 && run[0]!.list !== item.list) flush();
    run.push(item);
  }
  flush();
}

/** Rewrites every run of Word list paragraphs under `root` as <ul>/<ol>. */
export function convertWordLists(root: DomElement): void {
  const parents = new Set<DomElement>();
  for (const paragraph of root.querySelectorAll('p')) {
    if (paragraph.parentElement && readListItem(paragraph)) parents.add(paragraph.parentElement);
  }
  for (const parent of parents) convertRuns(parent);
}
