import { DOMParser as ProseMirrorDOMParser, type Schema } from '@tiptap/pm/model';
import { cleanHtmlDocument } from '../../shared/html-clean/clean-html';
import type { DomDocument } from '../../shared/html-clean/dom';

/**
 * Paste cleaning in the editor: the browser parses the clipboard's HTML into
 * an inert document (nothing in it runs or loads) and the shared cleaning
 * rules rebuild it from the schema's allow-list — the same rules core applies
 * to imported files (shared/html-clean, ADR 0031).
 */

function parseInert(html: string): DomDocument {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as DomDocument;
}

/** Cleans clipboard HTML into an element of the same inert document, ready to serialise or parse. */
export function cleanPastedElement(html: string): HTMLElement {
  return cleanHtmlDocument(parseInert(html)) as unknown as HTMLElement;
}

/** Wired into the editor as `editorProps.transformPastedHTML`. */
export function transformPastedHTML(html: string): string {
  return cleanPastedElement(html).innerHTML;
}

/** The document that pasting `html` into an empty story produces, as ProseMirror JSON. */
export function cleanPastedDocument(html: string, schema: Schema): Record<string, unknown> {
  const cleaned = new DOMParser().parseFromString(transformPastedHTML(html), 'text/html');
  return ProseMirrorDOMParser.fromSchema(schema).parse(cleaned.body).toJSON() as Record<string, unknown>;
}
