import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedArticle } from '../../../shared/article-doc';
import { storyEditorExtensions } from '../../../renderer/editor/editor-extensions';

/** The story editor's input rule: typed quotes become the language's; pasted ones stay as they came. */
const editors: Editor[] = [];
afterEach(() => {
  while (editors.length > 0) editors.pop()!.destroy();
});

function storyEditor(settings: { language: string; enabled: boolean }): Editor {
  const doc = new Y.Doc();
  seedArticle(doc, { createdAt: '2025-10-15T09:00:00+02:00', language: settings.language, headline: 'Syria' });
  const editor = new Editor({ extensions: storyEditorExtensions({ doc, language: () => settings.language, typographicQuotes: () => settings.enabled }) });
  editors.push(editor);
  editor.commands.focus('end');
  return editor;
}

/** Types as the keyboard does: each character through ProseMirror's text input (where input rules run). */
function type(editor: Editor, text: string): void {
  for (const char of text) {
    const { from, to } = editor.state.selection;
    const handled = editor.view.someProp('handleTextInput', (handler) => handler(editor.view, from, to, char, () => editor.state.tr.insertText(char, from, to)));
    if (!handled) editor.view.dispatch(editor.state.tr.insertText(char, from, to));
  }
}

describe('typographic quotes in the story editor', () => {
  it('turns typed quotes into the story language’s marks, and follows a change of language', () => {
    const settings = { language: 'en', enabled: true };
    const editor = storyEditor(settings);
    type(editor, `"It's over," she said.`);
    expect(editor.getText()).toBe('“It’s over,” she said.');
    settings.language = 'de';
    type(editor, ` "Ja."`);
    expect(editor.getText()).toBe('“It’s over,” she said. „Ja.“');
  });

  it('leaves pasted text and, with the setting off, typed text alone', () => {
    const settings = { language: 'fr', enabled: true };
    const editor = storyEditor(settings);
    editor.view.pasteText(`"collé"`);
    expect(editor.getText()).toBe('"collé"');
    settings.enabled = false;
    type(editor, ` "tapé"`);
    expect(editor.getText()).toBe('"collé" "tapé"');
    settings.enabled = true;
    type(editor, ` "oui"`);
    expect(editor.getText()).toBe('"collé" "tapé" «oui»');
  });
});
