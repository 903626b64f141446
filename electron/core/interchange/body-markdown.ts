import { formatDuration } from '../../../shared/video-duration';

/**
 * A story body as CommonMark: headings, lists, quotes, links, emphasis,
 * pictures and rules, with every character that Markdown would read as
 * syntax escaped. Underline has no Markdown form and is written as plain text.
 */

type JsonNode = { type?: string; text?: string; attrs?: Record<string, unknown>; marks?: Array<{ type: string; attrs?: Record<string, unknown> }>; content?: JsonNode[] };

/** Backslash-escapes Markdown syntax in running text (CommonMark allows escaping any ASCII punctuation). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
    .replace(/^(\s*)!/gm, '$1\\!');
}

function markdownUrl(url: string): string {
  return url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function inline(nodes: JsonNode[] | undefined): string {
  let out = '';
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      out += '\\\n';
      continue;
    }
    if (node.type !== 'text') continue;
    const raw = node.text ?? '';
    // Emphasis markers must hug the text: keep surrounding spaces outside them.
    const lead = /^\s*/.exec(raw)![0];
    const trail = raw.slice(lead.length).match(/\s*$/)![0];
    let text = escapeMarkdown(raw.slice(lead.length, raw.length - trail.length));
    if (text === '') {
      out += raw;
      continue;
    }
    const marks = new Set((node.marks ?? []).map((mark) => mark.type));
    if (marks.has('strike')) text = `~~${text}~~`;
    if (marks.has('italic')) text = `_${text}_`;
    if (marks.has('bold')) text = `**${text}**`;
    const link = node.marks?.find((mark) => mark.type === 'link');
    if (link) text = `[${text}](${markdownUrl(String(link.attrs?.href ?? ''))})`;
    out += lead + text + trail;
  }
  return out;
}

function indent(text: string, prefix: string, first = prefix): string {
  return text
    .split('\n')
    // A quote's blank lines keep their ">", or the quote would end there.
    .map((line, index) => (line === '' ? prefix.trimEnd().replace(/^\s+$/, '') : (index === 0 ? first : prefix) + line))
    .join('\n');
}

export interface BodyMarkdownOptions {
  imageSrc(sha256: string): string | null;
}

export function bodyMarkdown(body: { content?: unknown[] }, options: BodyMarkdownOptions): string {
  const blocks = (nodes: JsonNode[] | undefined): string => (nodes ?? []).map(block).filter((text) => text !== '').join('\n\n');

  const list = (node: JsonNode, ordered: boolean): string => {
    let number = Number(node.attrs?.start ?? 1);
    return (node.content ?? [])
      .map((item) => {
        const marker = ordered ? `${number++}. ` : '- ';
        return indent(blocks(item.content), ' '.repeat(marker.length), marker);
      })
      .join('\n');
  };

  const block = (node: JsonNode): string => {
    const attrs = node.attrs ?? {};
    switch (node.type) {
      case 'paragraph':
        return inline(node.content);
      case 'heading':
        return `${attrs.level === 3 ? '###' : '##'} ${inline(node.content)}`;
      case 'bulletList':
        return list(node, false);
      case 'orderedList':
        return list(node, true);
      case 'blockquote':
        return indent(blocks(node.content), '> ');
      case 'pullQuote': {
        const attribution = String(attrs.attribution ?? '');
        return indent(`${inline(node.content)}${attribution ? `\n\n— ${escapeMarkdown(attribution)}` : ''}`, '> ');
      }
      case 'factbox': {
        const title = String(attrs.title ?? '');
        return indent(`${title ? `**${escapeMarkdown(title)}**\n\n` : ''}${blocks(node.content)}`, '> ');
      }
      case 'horizontalRule':
        return '---';
      case 'figure': {
        const media = typeof attrs.media === 'string' && attrs.media ? attrs.media : null;
        const src = media ? options.imageSrc(media) : null;
        const alt = escapeMarkdown(String(attrs.alt ?? ''));
        const caption = inline(node.content);
        const credit = String(attrs.credit ?? '');
        const lines = [src ? `![${alt}](${markdownUrl(src)})` : '', [caption ? `_${caption}_` : '', credit ? escapeMarkdown(credit) : ''].filter(Boolean).join(' — ')];
        return lines.filter(Boolean).join('\n');
      }
      case 'videoEmbed': {
        const title = escapeMarkdown(String(attrs.title ?? '') || 'Video');
        const source = String(attrs.source ?? '');
        const duration = typeof attrs.duration === 'number' ? formatDuration(attrs.duration) : '';
        const label = `▶ ${title}${duration ? ` (${duration})` : ''}`;
        return source ? `[${label}](${markdownUrl(source)})` : label;
      }
      default:
        return blocks(node.content);
    }
  };

  return blocks((body.content ?? []) as JsonNode[]);
}
