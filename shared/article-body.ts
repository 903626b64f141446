import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { articleParts, readArticleFields } from './article-doc';
import { newsroomSchema } from './editor/extensions';
import type { ArticleFields } from './model';

/** A story's body as ProseMirror JSON (what revisions store and exports read). */
export type BodyJson = { type: 'doc'; content?: unknown[] };

/** The body of a story's document as ProseMirror JSON, read straight from the shared type. */
export function readBodyJson(doc: Y.Doc): BodyJson {
  return yXmlFragmentToProsemirrorJSON(articleParts(doc).body) as BodyJson;
}

/**
 * Writes ProseMirror JSON (an imported file's body) into an empty body
 * fragment: the inverse of readBodyJson. For a story's first content only;
 * changing an existing body is a reconciling change (revisions/apply-restore.ts).
 */
export function writeBodyJson(body: Y.XmlFragment, json: BodyJson): void {
  prosemirrorJSONToYXmlFragment(newsroomSchema(), json, body);
}

/** ProseMirror JSON of the body as a document of the newsroom schema. */
export function bodyNodeFromJson(json: BodyJson): ProseMirrorNode {
  return ProseMirrorNode.fromJSON(newsroomSchema(), json.content?.length ? json : { type: 'doc', content: [{ type: 'paragraph' }] });
}

/** A story read whole: its fields and its body, for checks, revisions and export. */
export interface StorySnapshot {
  fields: ArticleFields;
  body: BodyJson;
}

export function readStory(doc: Y.Doc): StorySnapshot {
  return { fields: readArticleFields(doc), body: readBodyJson(doc) };
}
