import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, seedArticle } from '../../../shared/article-doc';
import { storyEditorExtensions } from '../../../renderer/editor/editor-extensions';

const PHOTO_A = 'a'.repeat(64);
const PHOTO_B = 'b'.repeat(64);
const editors: Editor[] = [];
afterEach(() => {
  while (editors.length > 0) editors.pop()!.destroy();
});

function editorOn(doc: Y.Doc): Editor {
  const editor = new Editor({ extensions: storyEditorExtensions({ doc }) });
  editors.push(editor);
  return editor;
}

function figure(media: string, caption: string, lead = false) {
  return { type: 'figure', attrs: { media, credit: 'Desk', alt: 'A photo', lead }, content: [{ type: 'text', text: caption }] };
}

/** [media, lead] of each figure, in story order. */
function leads(editor: Editor): Array<[string, boolean]> {
  const found: Array<[string, boolean]> = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === 'figure') found.push([node.attrs.media as string, Boolean(node.attrs.lead)]);
    return node.type.name !== 'figure';
  });
  return found;
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

describe('one lead image per story', () => {
  it('two copies that chose different leads offline end with one, the same one, in both', () => {
    const docA = new Y.Doc();
    seedArticle(docA, { createdAt: '2025-10-15T09:00:00+02:00', language: 'en', headline: 'Syria' });
    const a = editorOn(docA);
    a.commands.setContent([figure(PHOTO_A, 'The Kremlin'), figure(PHOTO_B, 'The delegation'), { type: 'paragraph' }]);
    const docB = new Y.Doc();
    sync(docA, docB);
    const b = editorOn(docB);
    expect(leads(b)).toEqual([[PHOTO_A, false], [PHOTO_B, false]]);

    // Offline: the reporter makes the second photo the lead, the editor the first.
    const setLead = (editor: Editor, index: number) => {
      let seen = -1;
      editor.state.doc.descendants((node, pos) => {
        if (node.type.name !== 'figure') return true;
        if (++seen === index) editor.view.dispatch(editor.state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, lead: true }));
        return false;
      });
    };
    setLead(a, 1);
    setLead(b, 0);
    sync(docA, docB);
    sync(docB, docA);
    expect(leads(a)).toEqual([[PHOTO_A, true], [PHOTO_B, false]]);
    expect(leads(b)).toEqual([[PHOTO_A, true], [PHOTO_B, false]]);
    // The repairs themselves merge to the same document.
    sync(docA, docB);
    sync(docB, docA);
    expect(articleParts(docA).body.toJSON()).toBe(articleParts(docB).body.toJSON());
    expect(leads(a)).toEqual([[PHOTO_A, true], [PHOTO_B, false]]);
  });

  it('a pasted lead figure arrives as an ordinary figure; the story keeps its lead', () => {
    const doc = new Y.Doc();
    seedArticle(doc, { createdAt: '2025-10-15T09:00:00+02:00', language: 'en', headline: 'Syria' });
    const editor = editorOn(doc);
    editor.commands.setContent([figure(PHOTO_A, 'The Kremlin', true), { type: 'paragraph' }]);
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    editor.view.pasteHTML(`<figure data-media="${PHOTO_B}" data-lead="true"><img alt="Delegation"><figcaption>The delegation</figcaption></figure>`);
    expect(leads(editor)).toEqual([[PHOTO_A, true], [PHOTO_B, false]]);
  });
});
