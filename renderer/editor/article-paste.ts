import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../../shared/article-doc';
import { cleanHtmlDocument } from '../../shared/html-clean/clean-html';
import type { DomDocument } from '../../shared/html-clean/dom';
import { readHtmlArticle, takeOutUnkeptMedia, type HtmlArticle } from '../../shared/web-article/html-article';
import type { NotKeptMedia } from '../../shared/web-article/web-article';

/**
 * A paste of a whole web article (ADR 0066): the editor asks before it puts
 * anything in, and "Fill fields" writes the page's headline, kicker, teaser,
 * section, bylines, agencies and "Edited by" into the story's fields that are
 * still empty — never over what the reporter typed — and the rest into the
 * body. Reading the page is the shared reader's job; this module only
 * decides what a paste does with it.
 */

export type PastedHtml =
  | { kind: 'article'; article: HtmlArticle; bodyHtml: string; html: string }
  | { kind: 'text'; notKept: NotKeptMedia[] };

function parseInert(html: string): DomDocument {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as DomDocument;
}

/** What a paste of `html` holds: a whole article (with its body, cleaned) or text, and the media it cannot keep. */
export function readPastedHtml(html: string, sections: readonly string[]): PastedHtml {
  const document = parseInert(html);
  const article = readHtmlArticle(document, { sections, images: 'take-out' });
  if (article.wholeArticle) return { kind: 'article', article, bodyHtml: cleanHtmlDocument(document).innerHTML, html };
  return { kind: 'text', notKept: takeOutUnkeptMedia(parseInert(html).body) };
}

/** One story field a pasted article offers, and whether the story's own value is kept instead. */
export interface OfferedField {
  label: string;
  value: string;
  /** The story already has a value here: it stays, the page's is not used. */
  taken: boolean;
}

/** The fields an article offers, in the form's order, each marked where the story's field is already filled. */
export function offeredFields(doc: Y.Doc, article: HtmlArticle): OfferedField[] {
  const parts = articleParts(doc);
  const text = (value: Y.Text) => value.toString().trim() !== '';
  const offers: OfferedField[] = [];
  const offer = (label: string, value: string, taken: boolean) => {
    if (value) offers.push({ label, value, taken });
  };
  offer('Section', article.section, (parts.meta.get('section') ?? '') !== '');
  offer('Kicker', article.kicker, text(parts.kicker));
  offer('Headline', article.headline, text(parts.headline));
  offer('Teaser', article.teaser, text(parts.teaser));
  offer(article.bylines.length === 1 ? 'Byline' : 'Bylines', article.bylines.join(', '), parts.bylines.length > 0);
  offer('Sources', article.sources.join(', '), parts.sources.length > 0);
  offer('Edited by', article.editedBy.join(', '), parts.editedBy.length > 0);
  return offers;
}

/**
 * Writes the offered fields that are still empty, in one change (one undo
 * step for the fields), and answers which were filled and which kept.
 */
export function fillEmptyFields(doc: Y.Doc, article: HtmlArticle): { filled: string[]; kept: string[] } {
  const parts = articleParts(doc);
  const offers = offeredFields(doc, article);
  doc.transact(() => {
    for (const { label, taken } of offers) {
      if (taken) continue;
      if (label === 'Section') parts.meta.set('section', article.section);
      // A field of only spaces counts as empty: it is replaced, not added to.
      else if (label === 'Kicker') applyTextChange(parts.kicker, article.kicker);
      else if (label === 'Headline') applyTextChange(parts.headline, article.headline);
      else if (label === 'Teaser') applyTextChange(parts.teaser, article.teaser);
      else if (label === 'Byline' || label === 'Bylines') parts.bylines.push(article.bylines.map((name) => ({ id: crypto.randomUUID(), name, role: 'author' as const })));
      else if (label === 'Sources') parts.sources.push([...article.sources]);
      else if (label === 'Edited by') parts.editedBy.push(article.editedBy.map((name) => ({ name })));
    }
  });
  return { filled: offers.filter((field) => !field.taken).map((field) => field.label), kept: offers.filter((field) => field.taken).map((field) => field.label) };
}
