import fs from 'node:fs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../../shared/article-doc';
import { newsroomSchema } from '../../shared/editor/extensions';
import { EDITOR, openStory, type TestClient } from './core';
import { fixturePath } from './fixtures';

/**
 * The seed story (../shared/fixtures/articles/syria-moscow.txt) read from the
 * fixture and built through the core API as the renderer would: create, open,
 * send edits. The hero image becomes a figure (with a picture hash, caption,
 * credit and alt text), "Can Russia keep its bases in Syria? 04:44" a video
 * embed, "Why is Syria's leader visiting Russia?" a subhead.
 */
export interface SeedStory {
  section: string;
  kicker: string;
  headline: string;
  teaser: string;
  byline: string;
  sources: string[];
  date: string;
  figure: { alt: string; caption: string; credit: string; media: string };
  subhead: string;
  video: { title: string; duration: number; source: string };
  paragraphs: string[];
  editedBy: string;
}

/** A made-up but well-formed picture hash: the test media catalog knows it. */
export const SEED_PICTURE = 'a3f1c2d4e5b60718293a4b5c6d7e8f90123456789abcdef0123456789abcdef0';

export function readSeedStory(): SeedStory {
  const lines = fs.readFileSync(fixturePath('articles', 'syria-moscow.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines[0] !== 'PoliticsSyria') throw new Error('The seed story fixture changed: its first line is not "PoliticsSyria".');
  const [byline, sources] = [lines[2]!.slice(0, 'Richard Connor'.length), lines[2]!.slice('Richard Connor '.length)];
  const captionLine = lines[6]!;
  const creditAt = captionLine.lastIndexOf('Image: ');
  const videoAt = lines.indexOf('04:44');
  const editedAt = lines.findIndex((line) => line.startsWith('Edited by:'));
  return {
    section: 'Politics',
    kicker: 'Syria',
    headline: lines[1]!,
    byline,
    sources: sources.split(',').map((s) => s.trim()),
    date: lines[3]!,
    teaser: lines[4]!,
    figure: { alt: lines[5]!, caption: captionLine.slice(0, creditAt), credit: captionLine.slice(creditAt + 'Image: '.length), media: SEED_PICTURE },
    subhead: "Why is Syria's leader visiting Russia?",
    video: { title: lines[videoAt - 1]!, duration: 4 * 60 + 44, source: 'https://video.example.com/can-russia-keep-its-bases-in-syria' },
    paragraphs: lines.slice(7, editedAt).filter((line, index, all) => line !== '04:44' && all[index + 1] !== '04:44'),
    editedBy: lines[editedAt]!.replace('Edited by:', '').trim(),
  };
}

/** The seed story's body as ProseMirror JSON: figure first, the subhead, the video where the page has it. */
export function seedBodyJson(seed: SeedStory): Record<string, unknown> {
  const content: unknown[] = [
    { type: 'figure', attrs: { media: seed.figure.media, credit: seed.figure.credit, alt: seed.figure.alt }, content: [{ type: 'text', text: seed.figure.caption }] },
  ];
  for (const line of seed.paragraphs) {
    if (line === seed.subhead) content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: line }] });
    else content.push({ type: 'paragraph', content: [{ type: 'text', text: line }] });
    if (line.startsWith('In a February phone call')) {
      content.push({ type: 'videoEmbed', attrs: { title: seed.video.title, duration: seed.video.duration, poster: null, source: seed.video.source } });
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
    parts.tags.push(['Syria', 'Russia']);
    parts.meta.set('slug', 'syria-leader-moscow-putin');
    parts.meta.set('dateline', 'Moscow');
    parts.body.delete(0, parts.body.length);
    prosemirrorJSONToYXmlFragment(newsroomSchema(), seedBodyJson(seed), parts.body as Y.XmlFragment);
  });
  await client.call('article.close', { id });
  return id;
}
