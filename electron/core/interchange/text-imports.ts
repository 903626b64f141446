import { marked } from 'marked';
import { canonicalLanguageTag } from '../../../shared/language';
import type { Byline } from '../../../shared/model';
import type { DomDocument } from '../../../shared/html-clean/dom';
import { readHtmlArticle } from '../../../shared/web-article/html-article';
import { readTextArticle, type TextBlock } from '../../../shared/web-article/text-article';
import { articleNotes, type ReadArticleOptions, type WebArticleFields } from '../../../shared/web-article/web-article';
import { documentToBody } from './html-import';
import { escapeAttribute, escapeText } from '../../../shared/interchange/body-html';
import { parseInertHtml } from './html-to-doc';
import type { ImportedDraft } from './imported-draft';
import type { MediaCatalog } from '../../../shared/interchange/media-catalog';
import { randomUUID } from 'node:crypto';

/**
 * HTML, Markdown and plain-text files. A page's kicker, headline, byline,
 * agencies, teaser and "Edited by" are read by the same web-article readers
 * a paste uses (shared/web-article, ADR 0066): an HTML page by its markup
 * (else its <title>, description and author meta tags), a text file by its
 * labelled header or the shape of a copied page. Markdown is turned into HTML
 * by marked (raw HTML in it is cleaned like any other). Video players the
 * story cannot keep, and the parts no field takes, are said in the notes.
 */

export async function htmlToDraft(html: string, catalog: MediaCatalog, options: ReadArticleOptions): Promise<ImportedDraft> {
  const document = parseInertHtml(html);
  const root = (document as unknown as { documentElement?: { getAttribute(name: string): string | null } }).documentElement;
  const language = canonicalLanguageTag(root?.getAttribute('lang') ?? '') ?? undefined;
  const meta = (name: string) => {
    const head = (document as unknown as { head?: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).head;
    return (head?.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim();
  };
  const title = ((document as unknown as { title?: string }).title ?? '').trim();
  const article = readHtmlArticle(document, { ...options, images: 'keep' });
  const author = meta('author');
  const fields: WebArticleFields = {
    ...article,
    headline: article.headline || title,
    teaser: article.teaser || meta('description'),
    bylines: article.bylines.length > 0 ? article.bylines : author ? [author] : [],
  };
  const draft = await draftFrom(document, fields, catalog);
  return { ...draft, format: 'html', seed: { ...draft.seed, ...(language ? { language } : {}) } };
}

export async function markdownToDraft(markdown: string, catalog: MediaCatalog, options: ReadArticleOptions): Promise<ImportedDraft> {
  const html = await marked.parse(markdown, { gfm: true, async: true });
  const draft = await htmlToDraft(`<!doctype html><html><head></head><body>${html}</body></html>`, catalog, options);
  return { ...draft, format: 'markdown' };
}

export async function textToDraft(text: string, catalog: MediaCatalog, options: ReadArticleOptions): Promise<ImportedDraft> {
  const article = readTextArticle(text, options);
  const document = parseInertHtml(`<!doctype html><html><head></head><body>${article.blocks.map(blockHtml).join('')}</body></html>`);
  const draft = await draftFrom(document, article, catalog);
  const figures = article.blocks.filter((block) => block.kind === 'figure').length;
  if (figures) draft.notes.unshift(`${figures === 1 ? 'The figure keeps its' : `${figures} figures keep their`} caption, credit and alt text; choose ${figures === 1 ? 'its picture' : 'their pictures'} from the photo desk.`);
  const extra = { ...(article.slug ? { slug: article.slug } : {}), ...(article.dateline ? { dateline: article.dateline } : {}), ...(article.tags.length ? { tags: article.tags } : {}) };
  return { ...draft, format: 'text', seed: { ...draft.seed, ...extra } };
}

/** A text block as the HTML the shared cleaner and the figure import read: a figure waits for its picture. */
function blockHtml(block: TextBlock): string {
  if (block.kind === 'subhead') return `<h2>${escapeText(block.text)}</h2>`;
  if (block.kind === 'paragraph') return `<p>${escapeText(block.text).replace(/\n/g, '<br/>')}</p>`;
  const credit = block.credit ? `<span class="credit">${escapeText(block.credit)}</span>` : '';
  return `<figure><img alt="${escapeAttribute(block.alt)}"><figcaption>${escapeText(block.caption)}${credit}</figcaption></figure>`;
}

/** The story's fields from what the reader found, and its body from what is left of the document. */
async function draftFrom(document: DomDocument, fields: WebArticleFields, catalog: MediaCatalog): Promise<ImportedDraft> {
  const bylines: Byline[] = fields.bylines.map((name) => ({ id: randomUUID(), name, role: 'author' }));
  const notes: string[] = [];
  const body = await documentToBody(document, { catalog }, notes);
  notes.push(...articleNotes(fields));
  const seed = {
    headline: fields.headline,
    kicker: fields.kicker,
    teaser: fields.teaser,
    bylines,
    ...(fields.section ? { section: fields.section } : {}),
    ...(fields.sources.length ? { sources: fields.sources } : {}),
    ...(fields.editedBy.length ? { editedBy: fields.editedBy.map((name) => ({ name })) } : {}),
  };
  return { format: 'html', seed, body, notes };
}
