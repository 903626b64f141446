import { DOMParser as ProseMirrorDOMParser, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { parseHTML } from 'linkedom';
import { newsroomSchema } from '../../../shared/editor/extensions';
import { cleanHtmlDocument } from '../../../shared/html-clean/clean-html';
import type { DomDocument, DomElement } from '../../../shared/html-clean/dom';

/**
 * HTML into a story body, in core, which has no DOM: linkedom parses the
 * HTML into an inert document (no scripts run, nothing loads — it has no
 * loader), the shared cleaning rules that also clean pastes rebuild it from
 * the schema's allow-list, and ProseMirror's own DOMParser reads the result
 * with the newsroom schema (ADR 0031).
 */

/**
 * linkedom answers `getAttribute('class')` with "" on an element without a
 * class, where a browser answers null; ProseMirror's link rule copies that
 * into the mark. Answer like a browser, so both sides read the same body.
 */
const { Element: LinkedomElement } = parseHTML('<!doctype html><html><body></body></html>');
const linkedomGetAttribute = LinkedomElement.prototype.getAttribute;
LinkedomElement.prototype.getAttribute = function getAttribute(this: InstanceType<typeof LinkedomElement>, name: string) {
  if (name === 'class' && !this.hasAttribute('class')) return null;
  return linkedomGetAttribute.call(this, name);
};

/** An inert document for `html`; a fragment gets the html/body wrapper a browser would add. */
export function parseInertHtml(html: string): DomDocument {
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(wrapped);
  return document as unknown as DomDocument;
}

/** Cleans a parsed document in place and reads it as a story body. */
export function cleanedDocumentToBody(document: DomDocument): ProseMirrorNode {
  const container = cleanHtmlDocument(document);
  return parseCleaned(container);
}

/** Reads an element the cleaner produced as a story body (ProseMirror document). */
export function parseCleaned(container: DomElement): ProseMirrorNode {
  return ProseMirrorDOMParser.fromSchema(newsroomSchema()).parse(container as never);
}

/** HTML → cleaned story body, as ProseMirror JSON. */
export function htmlToBodyJson(html: string): Record<string, unknown> {
  return cleanedDocumentToBody(parseInertHtml(html)).toJSON() as Record<string, unknown>;
}
