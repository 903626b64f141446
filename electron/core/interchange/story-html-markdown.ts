import type { StorySnapshot } from '../../../shared/article-body';
import { publishableStory } from '../../../shared/review/publishable';
import { BYLINE_ROLE_LABELS, type Byline } from '../../../shared/model';
import { languageDirection } from '../../../shared/language';
import { bodyHtml, escapeAttribute, escapeText } from '../../../shared/interchange/body-html';
import { bodyMarkdown, escapeMarkdown } from './body-markdown';

/**
 * A story as a standalone HTML page or a Markdown file, for the web desk:
 * kicker, headline, teaser, bylines with sources, dates, body, "Edited by".
 * Semantic and escaped; no classes or attributes of the editor.
 */

export interface ExportContext {
  imageSrc(sha256: string): string | null;
}

function bylineLine(bylines: Byline[]): string {
  return bylines
    .map((b) => [b.name, b.role !== 'author' ? ` (${BYLINE_ROLE_LABELS[b.role]})` : '', b.organisation ? `, ${b.organisation}` : ''].join(''))
    .join(', ');
}

/** The date part of an ISO timestamp, as written in the export. */
function dateOf(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

/** Reads the story as published: pending suggestions, notes and flags never leave Lede (ADR 0072). */
export function storyToHtml(withReview: StorySnapshot, context: ExportContext): string {
  const story = publishableStory(withReview);
  const { fields } = story;
  const dir = languageDirection(fields.language);
  const title = fields.headline.trim() || 'Untitled story';
  const byline = bylineLine(fields.bylines);
  const credits = [byline ? `By ${byline}` : '', fields.sources.join(', ')].filter(Boolean).join(' · ');
  const published = fields.publishedAt ?? fields.createdAt;
  const header = [
    fields.kicker ? `<p class="kicker">${escapeText(fields.kicker)}</p>` : '',
    `<h1>${escapeText(title)}</h1>`,
    fields.teaser ? `<p class="teaser">${escapeText(fields.teaser)}</p>` : '',
    credits || published
      ? `<p class="byline">${escapeText(credits)}${credits && published ? ' · ' : ''}${published ? `<time datetime="${escapeAttribute(published)}">${dateOf(published)}</time>` : ''}</p>`
      : '',
  ].join('\n');
  const footer = fields.editedBy.length ? `<footer><p>Edited by: ${escapeText(fields.editedBy.map((e) => e.name).join(', '))}</p></footer>` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeAttribute(fields.language)}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8"/>',
    `<title>${escapeText(title)}</title>`,
    fields.teaser ? `<meta name="description" content="${escapeAttribute(fields.teaser)}"/>` : '',
    '</head>',
    '<body>',
    '<article>',
    `<header>\n${header}\n</header>`,
    bodyHtml(story.body, { mode: 'html', imageSrc: context.imageSrc }),
    footer,
    '</article>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Reads the story as published: pending suggestions, notes and flags never leave Lede (ADR 0072). */
export function storyToMarkdown(withReview: StorySnapshot, context: ExportContext): string {
  const story = publishableStory(withReview);
  const { fields } = story;
  const byline = bylineLine(fields.bylines);
  const credits = [byline ? `By ${byline}` : '', fields.sources.join(', ')].filter(Boolean).join(' · ');
  const published = dateOf(fields.publishedAt ?? fields.createdAt);
  const parts = [
    fields.kicker ? `**${escapeMarkdown(fields.kicker)}**` : '',
    `# ${escapeMarkdown(fields.headline.trim() || 'Untitled story')}`,
    fields.teaser ? `_${escapeMarkdown(fields.teaser)}_` : '',
    [credits ? escapeMarkdown(credits) : '', published].filter(Boolean).join(' · '),
    bodyMarkdown(story.body, { imageSrc: context.imageSrc }),
    fields.editedBy.length ? `---\n\nEdited by: ${escapeMarkdown(fields.editedBy.map((e) => e.name).join(', '))}` : '',
  ];
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
