import type { Editor, JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { ResultOf } from '../../shared/contract';
import { lede } from '../api/client';

export type PhotoAsset = ResultOf<'media.get'>['items'][number];

/**
 * A figure for a photo: caption, credit and alt text start from the photo's
 * metadata and from then on belong to the story (changing the photo later
 * does not change the story; "Update from photo" does, when asked).
 */
export function figureFromAsset(asset: PhotoAsset): JSONContent {
  const caption = asset.fields.caption.replace(/\s+/g, ' ').trim();
  return {
    type: 'figure',
    attrs: { media: asset.sha256, credit: asset.fields.credit, alt: asset.fields.altText, lead: false },
    content: caption ? [{ type: 'text', text: caption }] : [],
  };
}

/** Inserts a photo as a figure at `pos`, or at the cursor (after the block around it when a figure cannot go there). */
export function insertFigure(editor: Editor, asset: PhotoAsset, pos?: number): boolean {
  const content = figureFromAsset(asset);
  if (pos !== undefined) {
    const $pos = editor.state.doc.resolve(Math.min(pos, editor.state.doc.content.size));
    const at = $pos.depth > 0 ? $pos.after(1) : $pos.pos;
    return editor.chain().focus().insertContentAt(at, content).run();
  }
  if (editor.chain().focus().insertContent(content).run()) return true;
  const { $to } = editor.state.selection;
  return editor.chain().focus().insertContentAt($to.depth > 0 ? $to.after(1) : $to.pos, content).run();
}

/** Fetches one photo's current metadata. */
export async function fetchAsset(sha256: string): Promise<PhotoAsset | null> {
  const result = await lede().invoke('media.get', { sha256s: [sha256] });
  return result.ok ? (result.value.items[0] ?? null) : null;
}

/** Replaces the figure at `pos` with the photo's current caption, credit and alt text (on request only). */
export function refreshFigure(editor: Editor, pos: number, asset: PhotoAsset): void {
  const node = editor.state.doc.nodeAt(pos);
  if (!node || node.type.name !== 'figure') return;
  const caption = asset.fields.caption.replace(/\s+/g, ' ').trim();
  const schema = editor.state.schema;
  const tr = editor.state.tr;
  tr.setNodeMarkup(pos, undefined, { ...node.attrs, media: asset.sha256, credit: asset.fields.credit, alt: asset.fields.altText });
  tr.replaceWith(pos + 1, pos + 1 + node.content.size, caption ? schema.text(caption) : []);
  editor.view.dispatch(tr);
}

/** Makes the figure at `pos` the story's lead image (or not); a story has at most one. */
export function setLeadFigure(editor: Editor, pos: number, lead: boolean): void {
  const tr = editor.state.tr;
  editor.state.doc.descendants((node: PMNode, at: number) => {
    if (node.type.name !== 'figure') return true;
    const wanted = at === pos ? lead : false;
    if (Boolean(node.attrs.lead) !== wanted) tr.setNodeMarkup(at, undefined, { ...node.attrs, lead: wanted });
    return false;
  });
  if (tr.docChanged) editor.view.dispatch(tr);
}
