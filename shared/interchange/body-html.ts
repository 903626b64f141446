import { formatDuration } from '../video-duration';

/**
 * A story body (ProseMirror JSON of the newsroom schema) as semantic,
 * escaped HTML that is also well-formed XHTML (void elements closed, every
 * attribute quoted), so the same writer serves the HTML export and ninjs'
 * `application/xhtml+xml` body. Nothing of the editor's own markup appears.
 * `interchange` mode adds the few data attributes an import needs to read
 * Lede's blocks back (pull quote, fact box title, video details, a figure's
 * association) — ninjs round trips rely on them.
 */

type JsonNode = { type?: string; text?: string; attrs?: Record<string, unknown>; marks?: JsonMark[]; content?: JsonNode[] };
type JsonMark = { type: string; attrs?: Record<string, unknown> };

export interface BodyHtmlOptions {
  mode: 'html' | 'interchange';
  /** Address of a figure's picture, or null to leave the image out. */
  imageSrc(sha256: string): string | null;
  /** Association name of the nth figure (1-based) with a picture, for `data-assoc-ref`. */
  figureRef?(sha256: string, ordinal: number): string | null;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function attributes(attrs: Record<string, string | null | undefined>): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
}

/** Marks are written in one fixed nesting order, so the same text always gives the same markup. */
const MARK_ORDER = ['link', 'bold', 'italic', 'underline', 'strike'];
const MARK_TAGS: Record<string, string> = { bold: 'strong', italic: 'em', underline: 'u', strike: 's' };

function openMark(mark: JsonMark): string {
  if (mark.type === 'link') return `<a${attributes({ href: String(mark.attrs?.href ?? '') })}>`;
  return `<${MARK_TAGS[mark.type] ?? 'span'}>`;
}

function closeMark(mark: JsonMark): string {
  return mark.type === 'link' ? '</a>' : `</${MARK_TAGS[mark.type] ?? 'span'}>`;
}

function sortedMarks(marks: JsonMark[] | undefined): JsonMark[] {
  return [...(marks ?? [])].filter((m) => MARK_ORDER.includes(m.type)).sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

const sameMark = (a: JsonMark, b: JsonMark) => a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});

/** Inline content with marks opened and closed minimally, like ProseMirror's own serialiser. */
export function inlineHtml(nodes: JsonNode[] | undefined): string {
  let html = '';
  const open: JsonMark[] = [];
  for (const node of nodes ?? []) {
    const marks = sortedMarks(node.marks);
    let keep = 0;
    while (keep < open.length && keep < marks.length && sameMark(open[keep]!, marks[keep]!)) keep++;
    while (open.length > keep) html += closeMark(open.pop()!);
    for (const mark of marks.slice(keep)) {
      html += openMark(mark);
      open.push(mark);
    }
    if (node.type === 'text') html += escapeText(node.text ?? '');
    else if (node.type === 'hardBreak') html += '<br/>';
  }
  while (open.length) html += closeMark(open.pop()!);
  return html;
}

export function bodyHtml(body: { content?: unknown[] }, options: BodyHtmlOptions): string {
  let figureOrdinal = 0;
  const interchange = options.mode === 'interchange';

  const block = (node: JsonNode): string => {
    const attrs = node.attrs ?? {};
    const children = () => (node.content ?? []).map(block).join('');
    switch (node.type) {
      case 'paragraph':
        return `<p>${inlineHtml(node.content)}</p>`;
      case 'heading':
        return attrs.level === 3 ? `<h3>${inlineHtml(node.content)}</h3>` : `<h2>${inlineHtml(node.content)}</h2>`;
      case 'bulletList':
        return `<ul>${children()}</ul>`;
      case 'orderedList': {
        const start = Number(attrs.start ?? 1);
        return `<ol${attributes({ start: start > 1 ? String(start) : null })}>${children()}</ol>`;
      }
      case 'listItem':
        return `<li>${children()}</li>`;
      case 'blockquote':
        return `<blockquote>${children()}</blockquote>`;
      case 'horizontalRule':
        return '<hr/>';
      case 'pullQuote': {
        const attribution = String(attrs.attribution ?? '');
        const cite = attribution ? `<cite>${escapeText(attribution)}</cite>` : '';
        return interchange
          ? `<aside data-type="pull-quote"><p>${inlineHtml(node.content)}</p>${cite}</aside>`
          : `<aside class="pull-quote"><blockquote><p>${inlineHtml(node.content)}</p></blockquote>${cite}</aside>`;
      }
      case 'factbox': {
        const title = String(attrs.title ?? '');
        return interchange
          ? `<aside${attributes({ 'data-type': 'factbox', 'data-title': title })}>${children()}</aside>`
          : `<aside class="factbox">${title ? `<h2>${escapeText(title)}</h2>` : ''}${children()}</aside>`;
      }
      case 'figure':
        return figure(node);
      case 'videoEmbed':
        return video(attrs);
      default:
        return node.content ? children() : '';
    }
  };

  const figure = (node: JsonNode): string => {
    const attrs = node.attrs ?? {};
    const media = typeof attrs.media === 'string' && attrs.media ? attrs.media : null;
    const alt = String(attrs.alt ?? '');
    const credit = String(attrs.credit ?? '');
    const ref = media ? options.figureRef?.(media, ++figureOrdinal) ?? null : null;
    const src = media ? options.imageSrc(media) : null;
    // Interchange keeps the alt text even without a picture, so an import gets it back.
    const image = src || interchange ? `<img${attributes({ src, alt })}/>` : '';
    const caption = inlineHtml(node.content);
    const creditHtml = credit ? `<span class="credit">${escapeText(credit)}</span>` : '';
    const figcaption = caption || creditHtml ? `<figcaption>${caption}${caption && creditHtml ? ' ' : ''}${creditHtml}</figcaption>` : '';
    return `<figure${attributes({ 'data-assoc-ref': interchange ? ref : null })}>${image}${figcaption}</figure>`;
  };

  const video = (attrs: Record<string, unknown>): string => {
    const title = String(attrs.title ?? '');
    const source = String(attrs.source ?? '');
    const duration = typeof attrs.duration === 'number' && attrs.duration > 0 ? attrs.duration : null;
    const poster = typeof attrs.poster === 'string' && attrs.poster ? attrs.poster : null;
    const label = escapeText(title || 'Video');
    const link = source ? `<a${attributes({ href: source })}>${label}</a>` : label;
    const time = duration ? ` <span class="duration">${formatDuration(duration)}</span>` : '';
    if (interchange) {
      const data = attributes({
        'data-type': 'video-embed',
        'data-title': title,
        'data-source': source,
        'data-duration': duration ? String(duration) : null,
        'data-poster': poster,
      });
      return `<div${data}>${link}${time}</div>`;
    }
    const posterImage = poster ? `<img${attributes({ src: poster, alt: '' })}/>` : '';
    return `<figure class="video">${posterImage}<figcaption>${link}${time}</figcaption></figure>`;
  };

  return ((body.content ?? []) as JsonNode[]).map(block).join('');
}
