/**
 * The part of the DOM that HTML cleaning uses, declared here so the cleaning
 * rules live in `shared/` without the DOM library: the renderer hands them a
 * document from the browser's DOMParser, core one from linkedom (ADR 0031).
 * Both implement these members; the tests run the same fixtures through both.
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly parentElement: DomElement | null;
  readonly ownerDocument: DomDocument | null;
  textContent: string | null;
  cloneNode(deep?: boolean): DomNode;
  appendChild(node: DomNode): DomNode;
  insertBefore(node: DomNode, reference: DomNode | null): DomNode;
}

export interface DomText extends DomNode {
  data: string;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly ownerDocument: DomDocument;
  readonly children: ArrayLike<DomElement>;
  readonly firstElementChild: DomElement | null;
  readonly lastElementChild: DomElement | null;
  readonly previousElementSibling: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  innerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  removeAttribute(name: string): void;
  append(...nodes: DomNode[]): void;
  replaceChildren(...nodes: DomNode[]): void;
  remove(): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

export interface DomDocument {
  readonly body: DomElement;
  createElement(tag: string): DomElement;
  createTextNode(text: string): DomText;
}

/** Parses an HTML string into an inert document: nothing in it runs or loads. */
export type ParseHtml = (html: string) => DomDocument;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/**
 * True when one word of the element's class is `mark`, or ends in `-mark` or
 * `_mark` ("article-kicker", "c-byline__author" is not "byline"): how pages
 * name their parts.
 */
export function hasClassMark(element: DomElement, marks: readonly string[]): boolean {
  const words = (element.getAttribute('class') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return words.some((word) => marks.some((mark) => word === mark || word.endsWith(`-${mark}`) || word.endsWith(`_${mark}`)));
}

export function isInside(element: DomElement, ancestor: DomElement): boolean {
  for (let node: DomElement | null = element; node; node = node.parentElement) if (node === ancestor) return true;
  return false;
}
