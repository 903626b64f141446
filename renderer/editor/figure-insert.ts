import type { Editor, JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { ResultOf } from '../../shared/contract';
import { lede } from '../api/client';
import { FIGURE_TEXT_FIELDS, normalizeFigureText, type FigureTextField, type FigureTexts, type FigureTextSource } from './figure-photo-choice';

export type PhotoAsset = ResultOf<'media.get'>['items'][number];

/**
 * A figure for a photo: caption, credit and alt text start from the photo's
 * metadata and from then on belong to the story (changing the photo later
 * does not change the story; "Update from photo" does, when asked).
 */
export function figureFromAsset(asset: PhotoAsset): JSONContent {
  const caption = normalizeFigureText(asset.fields.caption);
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

/** The caption, credit and alt text a photo would give a figure. */
export function photoTexts(asset: PhotoAsset): FigureTexts {
  return { caption: normalizeFigureText(asset.fields.caption), credit: asset.fields.credit, alt: asset.fields.altText };
}

/** The caption, credit and alt text the figure node has now. */
export function figureTexts(node: PMNode): FigureTexts {
  return { caption: node.textContent, credit: (node.attrs.credit as string | null) ?? '', alt: (node.attrs.alt as string | null) ?? '' };
}

const ALL_FROM_PHOTO = Object.fromEntries(FIGURE_TEXT_FIELDS.map((field) => [field, 'photo'])) as Record<FigureTextField, FigureTextSource>;

/**
 * Points the figure at `pos` to the photo and takes from it the fields
 * `sources` says (default: all of them). A caption kept from the figure is
 * not touched at all, so its links and emphasis stay.
 */
export function setFigurePhoto(editor: Editor, pos: number, asset: PhotoAsset, sources: Record<FigureTextField, FigureTextSource> = ALL_FROM_PHOTO): void {
  const node = editor.state.doc.nodeAt(pos);
  if (!node || node.type.name !== 'figure') return;
  const photo = photoTexts(asset);
  const own = figureTexts(node);
  const pick = (field: FigureTextField) => (sources[field] === 'photo' ? photo[field] : own[field]);
  const tr = editor.state.tr;
  tr.setNodeMarkup(pos, undefined, { ...node.attrs, media: asset.sha256, credit: pick('credit'), alt: pick('alt') });
  if (sources.caption === 'photo') tr.replaceWith(pos + 1, pos + 1 + node.content.size, photo.caption ? editor.state.schema.text(photo.caption) : []);
  editor.view.dispatch(tr);
}

/** Replaces the figure's caption, credit and alt text with the photo's current ones ("Update from photo", on request only). */
export function refreshFigure(editor: Editor, pos: number, asset: PhotoAsset): void {
  setFigurePhoto(editor, pos, asset);
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
