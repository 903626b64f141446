import fs from 'node:fs';
import { fixturePath } from './fixtures';

/**
 * The seed story, test/fixtures/articles/seed-story.txt: a made-up news story
 * written for Lede's tests, shaped like a real one (kicker, headline, byline
 * with sources, teaser, a lead photo with caption and credit, a subhead, a
 * video embed between paragraphs, about 400 words of body, "edited by" and
 * the reporter's bio). The file has labelled header lines, a blank line, then
 * the body: one block a line, "## " before the subhead.
 *
 * Read by the ninjs tests (built through the core API) and by the end-to-end
 * spec (typed through the UI), so both use the same words.
 */
export interface SeedStory {
  section: string;
  kicker: string;
  headline: string;
  teaser: string;
  byline: string;
  sources: string[];
  date: string;
  dateline: string;
  slug: string;
  tags: string[];
  figure: { alt: string; caption: string; credit: string };
  subhead: string;
  /** The video sits after the paragraph that starts with `after`. */
  video: { title: string; duration: number; after: string };
  /** The body's text blocks in order, the subhead among them; the figure and the video are not text blocks. */
  paragraphs: string[];
  editedBy: string;
  bio: string;
}

export function readSeedStory(): SeedStory {
  const text = fs.readFileSync(fixturePath('articles', 'seed-story.txt'), 'utf8');
  const [header = '', ...bodyParts] = text.split(/\n\s*\n/);
  const fields = new Map(header.split('\n').map((line) => {
    const colon = line.indexOf(': ');
    return [line.slice(0, colon), line.slice(colon + 2).trim()] as const;
  }));
  const field = (name: string): string => {
    const value = fields.get(name);
    if (!value) throw new Error(`The seed story has no "${name}:" line.`);
    return value;
  };
  const list = (name: string): string[] => field(name).split(',').map((item) => item.trim());
  const lines = bodyParts.join('\n').split('\n').map((line) => line.trim()).filter(Boolean);
  const subheads = lines.filter((line) => line.startsWith('## '));
  if (subheads.length !== 1) throw new Error('The seed story must have exactly one subhead ("## ").');
  const video = /^(.*) \((\d+):(\d\d)\)$/.exec(field('Video'));
  if (!video) throw new Error('The seed story\'s "Video:" line must end with its duration, as "(04:44)".');
  const paragraphs = lines.map((line) => line.replace(/^## /, ''));
  const after = field('Video after');
  if (!paragraphs.some((line) => line.startsWith(after))) throw new Error(`No paragraph of the seed story starts with "${after}".`);
  return {
    section: field('Section'),
    kicker: field('Kicker'),
    headline: field('Headline'),
    teaser: field('Teaser'),
    byline: field('Byline'),
    sources: list('Sources'),
    date: field('Date'),
    dateline: field('Dateline'),
    slug: field('Slug'),
    tags: list('Tags'),
    figure: { alt: field('Figure alt'), caption: field('Figure caption'), credit: field('Figure credit') },
    subhead: subheads[0]!.slice(3),
    video: { title: video[1]!, duration: Number(video[2]) * 60 + Number(video[3]), after },
    paragraphs,
    editedBy: field('Edited by'),
    bio: field('Bio'),
  };
}
