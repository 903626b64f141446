import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedArticle } from '../../../shared/article-doc';
import { storyEditorExtensions } from '../../../renderer/editor/editor-extensions';
import { figureTexts, photoTexts, setFigurePhoto, type PhotoAsset } from '../../../renderer/editor/figure-insert';
import { fieldsToAsk, figureTextSources } from '../../../renderer/editor/figure-photo-choice';

const figure = { caption: 'Ahmed al-Sharaa arrives in Moscow', credit: 'Reuters', alt: 'A man in a suit on a red carpet' };

describe('which fields a photo chosen for a figure asks about', () => {
  it('asks where both have text and it differs, not where they agree', () => {
    const photo = { caption: 'Ahmed al-Sharaa\narrives  in Moscow ', credit: 'AFP/Getty Images', alt: 'Delegation at Vnukovo airport' };
    expect(fieldsToAsk(figure, photo)).toEqual(['credit', 'alt']);
  });

  it('asks nothing for an empty figure: the photo fills it as before', () => {
    const empty = { caption: '', credit: ' ', alt: '' };
    const photo = { caption: 'José Mourinho', credit: 'Photographer/Agency', alt: 'A coach' };
    expect(fieldsToAsk(empty, photo)).toEqual([]);
    expect(figureTextSources(empty, photo)).toEqual({ caption: 'photo', credit: 'photo', alt: 'photo' });
  });

  it('asks nothing where the photo has no text, and never lets that empty text erase the figure’s', () => {
    const photo = { caption: '', credit: '', alt: '' };
    expect(fieldsToAsk(figure, photo)).toEqual([]);
    expect(figureTextSources(figure, photo)).toEqual({ caption: 'figure', credit: 'figure', alt: 'figure' });
  });

  it('keeps the figure’s text for an asked field unless the person chose the photo’s', () => {
    const photo = { caption: 'Another caption', credit: 'AFP', alt: 'Another picture' };
    expect(figureTextSources(figure, photo)).toEqual({ caption: 'figure', credit: 'figure', alt: 'figure' });
    expect(figureTextSources(figure, photo, { credit: 'photo' })).toEqual({ caption: 'figure', credit: 'photo', alt: 'figure' });
    // An answer for a field that was not asked about changes nothing: an empty figure field still takes the photo's.
    expect(figureTextSources({ ...figure, alt: '' }, photo, { alt: 'figure' })).toEqual({ caption: 'figure', credit: 'figure', alt: 'photo' });
  });
});

describe('setting the photo of a figure', () => {
  const editors: Editor[] = [];
  afterEach(() => {
    while (editors.length > 0) editors.pop()!.destroy();
  });

  const asset = {
    sha256: 'c'.repeat(64),
    fields: { caption: 'Agency caption', credit: 'AFP', altText: 'Agency alt' },
  } as unknown as PhotoAsset;

  function editorWithImportedFigure(): Editor {
    const doc = new Y.Doc();
    seedArticle(doc, { createdAt: '2025-10-15T09:00:00+02:00', language: 'en', headline: 'Syria' });
    const editor = new Editor({ extensions: storyEditorExtensions({ doc }) });
    editors.push(editor);
    editor.commands.setContent([
      {
        type: 'figure',
        attrs: { media: null, credit: 'Reuters', alt: '', lead: false },
        content: [{ type: 'text', text: 'Our ' }, { type: 'text', text: 'own', marks: [{ type: 'bold' }] }, { type: 'text', text: ' caption' }],
      },
      { type: 'paragraph' },
    ]);
    return editor;
  }

  const figureAt = (editor: Editor) => ({ node: editor.state.doc.child(0), pos: 0 });

  it('keeps what the person kept (the caption with its emphasis), takes the photo’s where chosen and where the figure was empty', () => {
    const editor = editorWithImportedFigure();
    const { node, pos } = figureAt(editor);
    expect(fieldsToAsk(figureTexts(node), photoTexts(asset))).toEqual(['caption', 'credit']);
    setFigurePhoto(editor, pos, asset, figureTextSources(figureTexts(node), photoTexts(asset), { credit: 'photo' }));
    const after = figureAt(editor).node;
    expect(after.attrs).toMatchObject({ media: 'c'.repeat(64), credit: 'AFP', alt: 'Agency alt' });
    expect(after.textContent).toBe('Our own caption');
    expect(after.child(1).marks.map((mark) => mark.type.name)).toEqual(['bold']);
  });

  it('replaces everything when told to take all from the photo ("Update from photo")', () => {
    const editor = editorWithImportedFigure();
    setFigurePhoto(editor, 0, asset);
    const after = figureAt(editor).node;
    expect(after.attrs).toMatchObject({ credit: 'AFP', alt: 'Agency alt' });
    expect(after.textContent).toBe('Agency caption');
  });
});
