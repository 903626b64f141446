import { articleDocName, projectArticle } from '../shared/documents/article-kind';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { articleParts } from '../shared/article-doc';
import { ArticleIndex } from '../electron/core/articles/article-index';
import { DocStore } from '../electron/core/docs/doc-store';
import { buildStoryDoc, random } from './corpus';
import { openLibrary } from './generate-library';

export const LONG_STORY_ID = '11111111-1111-4111-8111-111111111111';

/**
 * A data folder with one long story (and a profile, so the app opens straight
 * to the library). Returns the story body as ProseMirror JSON too, for the
 * bare-ProseMirror comparison. `review` adds suggestions and comments to it
 * before it is stored.
 */
export function libraryWithLongStory(dir: string, words: number, review?: (doc: Y.Doc) => void): { dataDir: string; bodyJson: unknown; lastWords: string } {
  fs.mkdirSync(dir, { recursive: true });
  const db = openLibrary(dir);
  const docs = new DocStore(db);
  const index = new ArticleIndex(db);
  const doc = buildStoryDoc(random(7), words, Date.now());
  // The bare editor's schema has no review marks: it gets the same text without them.
  const bodyJson = yXmlFragmentToProsemirrorJSON(articleParts(doc).body);
  review?.(doc);
  const seq = docs.create(articleDocName(LONG_STORY_ID), 'article', Y.encodeStateAsUpdate(doc));
  index.write(LONG_STORY_ID, articleDocName(LONG_STORY_ID), projectArticle(doc), Date.now(), seq);
  db.prepare("INSERT INTO settings (key, value) VALUES ('profile', ?)").run(JSON.stringify({ name: 'Bench Reporter', role: 'reporter' }));
  db.close();
  const body = articleParts(doc).body;
  const lastText = (body.get(body.length - 1) as Y.XmlElement).toString().replace(/<[^>]+>/g, '');
  return { dataDir: dir, bodyJson, lastWords: lastText.trim().split(/\s+/).slice(-4).join(' ') };
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
}
