import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedArticle } from '../../../shared/article-doc';
import { storyEditorExtensions } from '../../../renderer/editor/editor-extensions';

/**
 * One Ctrl+Z after fast typing (every key well inside the undo manager's
 * half-second merge window) takes back the last sentence, format run or
 * block change — not the whole burst.
 */
const editors: Editor[] = [];
afterEach(() => {
  while (editors.length > 0) editors.pop()!.destroy();
});

function emptyStory(): Editor {
  const doc = new Y.Doc();
  seedArticle(doc, { createdAt: '2025-10-15T09:00:00+02:00', language: 'en', headline: 'Syria' });
  const editor = new Editor({ extensions: storyEditorExtensions({ doc }) });
  editors.push(editor);
  return editor;
}

/** Types like a person: one transaction per character, as the browser sends them. */
function type(editor: Editor, text: string): void {
  for (const char of text) editor.view.dispatch(editor.state.tr.insertText(char));
}

function paragraphs(editor: Editor): string[] {
  const result: string[] = [];
  editor.state.doc.forEach((node) => result.push(node.textContent));
  return result;
}

describe('undo steps', () => {
  it('end at a sentence: one undo takes back the last sentence only', () => {
    const editor = emptyStory();
    type(editor, 'The talks began. They ended at noon.');
    editor.commands.undo();
    expect(editor.getText()).toBe('The talks began. ');
    editor.commands.undo();
    expect(editor.getText()).toBe('');
  });

  it('end at a change of format, a new paragraph and a subhead', () => {
    const editor = emptyStory();
    type(editor, 'Ministers met ');
    editor.commands.toggleBold();
    type(editor, 'in secret');
    editor.commands.toggleBold();
    type(editor, ' on Monday');
    editor.commands.enter();
    type(editor, 'Second paragraph');
    editor.commands.enter();
    editor.commands.setHeading({ level: 2 });
    type(editor, 'What next');
    expect(paragraphs(editor)).toEqual(['Ministers met in secret on Monday', 'Second paragraph', 'What next']);

    editor.commands.undo();
    expect(paragraphs(editor)).toEqual(['Ministers met in secret on Monday', 'Second paragraph', '']);
    expect(editor.state.doc.lastChild?.type.name).toBe('heading');
    editor.commands.undo();
    expect(editor.state.doc.lastChild?.type.name).toBe('paragraph');
    editor.commands.undo();
    expect(paragraphs(editor)).toEqual(['Ministers met in secret on Monday', 'Second paragraph']);
    editor.commands.undo();
    editor.commands.undo();
    expect(paragraphs(editor)).toEqual(['Ministers met in secret on Monday']);
    editor.commands.undo();
    expect(paragraphs(editor)).toEqual(['Ministers met in secret']);
    editor.commands.undo();
    expect(paragraphs(editor)).toEqual(['Ministers met ']);
    expect(editor.getHTML()).not.toContain('<strong>');
  });

  it('leave typing inside one sentence as one step, and redo brings the steps back in order', () => {
    const editor = emptyStory();
    type(editor, 'Rain fell. Roads closed');
    editor.commands.undo();
    expect(editor.getText()).toBe('Rain fell. ');
    editor.commands.redo();
    expect(editor.getText()).toBe('Rain fell. Roads closed');
  });
});
