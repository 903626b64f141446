import { marked } from 'marked';
import { canonicalLanguageTag } from '../../../shared/language';
import type { Byline } from '../../../shared/model';
import { documentToBody, takeText } from './html-import';
import { escapeText } from './body-html';
import { parseInertHtml } from './html-to-doc';
import type { ImportedDraft } from './imported-draft';
import type { MediaCatalog } from './media-catalog';
import { randomUUID } from 'node:crypto';

/**
 * HTML, Markdown and plain-text files. An HTML page names its story with its
 * first <h1> (else its <title>), its teaser with the description meta tag and
 * its byline with the author meta tag; Markdown is turned into HTML by
 * marked (raw HTML in it is cleaned like any other); plain text becomes one
 * paragraph per blank-line-separated block, its first line the headline.
 */

export async function htmlToDraft(html: string, catalog: MediaCatalog): Promise<ImportedDraft> {
  const document = parseInertHtml(html);
  const root = (document as unknown as { documentElement?: { getAttribute(name: string): string | null } }).documentElement;
  const language = canonicalLanguageTag(root?.getAttribute('lang') ?? '') ?? undefined;
  const meta = (name: string) => {
    const head = (document as unknown as { head?: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).head;
    return (head?.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim();
  };
  const title = ((document as unknown as { title?: string }).title ?? '').trim();
  const kicker = takeText(document, 'header .kicker');
  const headline = takeText(document, 'h1') || title;
  const teaser = meta('description');
  const author = meta('author');
  const bylines: Byline[] = author ? [{ id: randomUUID(), name: author, role: 'author' }] : [];
  const notes: string[] = [];
  const body = await documentToBody(document, { catalog }, notes);
  return { format: 'html', seed: { headline, kicker, teaser, bylines, ...(language ? { language } : {}) }, body, notes };
}

export async function markdownToDraft(markdown: string, catalog: MediaCatalog): Promise<ImportedDraft> {
  const html = await marked.parse(markdown, { gfm: true, async: true });
  const draft = await htmlToDraft(`<!doctype html><html><head></head><body>${html}</body></html>`, catalog);
  return { ...draft, format: 'markdown' };
}

export async function textToDraft(text: string, catalog: MediaCatalog): Promise<ImportedDraft> {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
  const [first, ...rest] = blocks;
  const headline = first && !first.includes('\n') && first.length <= 200 ? first : '';
  const paragraphs = (headline ? rest : blocks).map((block) => `<p>${escapeText(block).replace(/\n/g, '<br/>')}</p>`).join('');
  const draft = await htmlToDraft(`<!doctype html><html><head></head><body>${paragraphs}</body></html>`, catalog);
  return { ...draft, format: 'text', seed: { ...draft.seed, headline } };
}
