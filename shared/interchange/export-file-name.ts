import type { StorySnapshot } from '../article-body';

/** A file name from the slug or headline: lower case, ASCII, hyphens. */
export function exportFileName(story: StorySnapshot, extension: string): string {
  const base = (story.fields.slug || story.fields.headline)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'story'}.${extension}`;
}
