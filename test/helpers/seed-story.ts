import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../../shared/article-doc';
import { newsroomSchema } from '../../shared/editor/extensions';
import { EDITOR, openStory, type TestClient } from './core';
import { readSeedStory, type SeedStory } from './seed-story-file';

/**
 * The seed story (seed-story-file.ts) built through the core API as the
 * renderer would: create, open, send edits. The photo becomes the lead figure
 * (with a picture hash, caption, credit and alt text), the video a video
 * embed, the "## " line a subhead.
 */

export { readSeedStory, type SeedStory };

/** A made-up but well-formed picture hash: the test media catalog knows it. */
export const SEED_PICTURE = 'a3f1c2d4e5b60718293a4b5c6d7e8f90123456789abcdef0123456789abcdef0';
/** Where the seed story's video lives: a made-up address. */
export const SEED_VIDEO_SOURCE = 'https://video.example.com/can-a-night-ferry-pay-its-way';

/** The seed story's body as ProseMirror JSON: figure first, the subhead, the video where the story has it. */
export function seedBodyJson(seed: SeedStory): Record<string, unknown> {
  const content: unknown[] = [
    { type: 'figure', attrs: { media: SEED_PICTURE, credit: seed.figure.credit, alt: seed.figure.alt }, content: [{ type: 'text', text: seed.figure.caption }] },
  ];
  for (const line of seed.paragraphs) {
    if (line === seed.subhead) content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: line }] });
    else content.push({ type: 'paragraph', content: [{ type: 'text', text: line }] });
    if (line.startsWith(seed.video.after)) {
      content.push({ type: 'videoEmbed', attrs: { title: seed.video.title, duration: seed.video.duration, poster: null, source: SEED_VIDEO_SOURCE } });
    }
  }
  return { type: 'doc', content };
}

/** Creates the seed story through the API as an editor; returns its id. */
export async function buildSeedStory(client: TestClient, seed = readSeedStory()): Promise<string> {
  await client.call('profile.set', EDITOR);
  const { id } = await client.call('article.create', { section: seed.section, language: 'en' });
  const story = await openStory(client, id);
  await story.edit((doc) => {
    const parts = articleParts(doc);
    applyTextChange(parts.kicker, seed.kicker);
    applyTextChange(parts.headline, seed.headline);
    applyTextChange(parts.teaser, seed.teaser);
    parts.bylines.push([{ id: 'b1', name: seed.byline, role: 'author' }]);
    parts.sources.push(seed.sources);
    parts.editedBy.push([{ name: seed.editedBy }]);
    parts.tags.push(seed.tags);
    parts.meta.set('slug', seed.slug);
    parts.meta.set('dateline', seed.dateline);
    parts.body.delete(0, parts.body.length);
    prosemirrorJSONToYXmlFragment(newsroomSchema(), seedBodyJson(seed), parts.body as Y.XmlFragment);
  });
  await client.call('article.close', { id });
  return id;
}
