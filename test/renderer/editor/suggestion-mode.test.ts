import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBodyJson, bodyNodeFromJson } from '../../../shared/article-body';
import { seedArticle } from '../../../shared/article-doc';
import { publishableBody } from '../../../shared/review/publishable';
import { describeSuggestion, listSuggestions } from '../../../shared/review/suggestions';
import { storyEditorExtensions } from '../../../renderer/editor/editor-extensions';
import { acceptIn, rejectIn, settleAllIn } from '../../../renderer/editor/settle-suggestions';
import { isSuggesting } from '../../../renderer/editor/suggestion-mode';
import { storyStats } from '../../../renderer/editor/story-stats';
import { projectArticle } from '../../../shared/documents/article-kind';

/** "Suggest changes" in a real editor bound to the story's Yjs document (ADR 0072). */

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function editorOn(doc: Y.Doc, name: string): Editor {
  const editor = new Editor({ extensions: storyEditorExtensions({ doc, suggestions: { author: () => ({ authorId: name, authorName: name }) } }) });
  cleanups.push(() => editor.destroy());
  return editor;
}

function storyWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  seedArticle(doc, { createdAt: '2026-12-03T09:00:00+00:00', language: 'en' });
  const editor = editorOn(doc, 'Ana Ruiz');
  editor.commands.insertContent(text);
  return doc;
}

const text = (editor: Editor) => editor.state.doc.textContent;
const published = (doc: Y.Doc) => bodyNodeFromJson(publishableBody(readBodyJson(doc))).textContent;
/** Places the cursor after the first occurrence of `after` in the body's only paragraph. */
const cursorAfter = (editor: Editor, after: string) => editor.commands.setTextSelection(1 + text(editor).indexOf(after) + after.length);
const select = (editor: Editor, what: string) => {
  const from = 1 + text(editor).indexOf(what);
  editor.commands.setTextSelection({ from, to: from + what.length });
};
/**
 * Backspace and Delete as a browser makes them: inside text, contenteditable
 * deletes the character itself and ProseMirror reads it back as a one-step
 * deletion (happy-dom has no native editing; Playwright covers the real keys).
 */
const press = (editor: Editor, key: 'Backspace' | 'Delete') => {
  const { from, to, empty } = editor.state.selection;
  const range = !empty ? [from, to] : key === 'Backspace' ? [from - 1, from] : [from, from + 1];
  editor.view.dispatch(editor.state.tr.delete(range[0]!, range[1]!));
};

describe('Suggest changes', () => {
  it('is off until turned on, and the toggle says so', () => {
    const editor = editorOn(storyWith('Talks ended.'), 'Wesley Rahn');
    expect(isSuggesting(editor)).toBe(false);
    editor.commands.toggleSuggesting();
    expect(isSuggesting(editor)).toBe(true);
    editor.commands.toggleSuggesting();
    expect(isSuggesting(editor)).toBe(false);
  });

  it('typing is one suggested insertion per run, by its author; the story as published is unchanged', () => {
    const doc = storyWith('Talks ended.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    cursorAfter(editor, 'ended');
    for (const letter of ' abruptly') editor.commands.insertContent(letter);
    expect(text(editor)).toBe('Talks ended abruptly.');
    const suggestions = listSuggestions(editor.state.doc);
    expect(suggestions).toHaveLength(1);
    expect(describeSuggestion(suggestions[0]!)).toBe('Add “ abruptly”');
    expect(suggestions[0]!.authorName).toBe('Wesley Rahn');
    // One mark for the run (same id, same time), not one per letter: three text runs in all.
    expect(editor.state.doc.firstChild!.childCount).toBe(3);
    expect(published(doc)).toBe('Talks ended.');
  });

  it('deleting marks the text instead, Backspace and Delete alike, and the cursor moves past it', () => {
    const doc = storyWith('Talks in Moscow ended.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    cursorAfter(editor, 'Moscow');
    for (let i = 0; i < 'Moscow'.length; i++) press(editor, 'Backspace');
    expect(text(editor)).toBe('Talks in Moscow ended.');
    expect(listSuggestions(editor.state.doc).map(describeSuggestion)).toEqual(['Delete “Moscow”']);
    // Forward delete from before " ended" joins the same suggestion.
    cursorAfter(editor, 'Moscow');
    press(editor, 'Delete');
    expect(listSuggestions(editor.state.doc).map(describeSuggestion)).toEqual(['Delete “Moscow ”']);
    expect(editor.state.selection.from).toBe(1 + 'Talks in Moscow '.length);
    expect(published(doc)).toBe('Talks in Moscow ended.');
  });

  it('typing over a selection is a replacement; deleting one’s own suggested text just removes it', () => {
    const doc = storyWith('Talks in Moscow ended.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    select(editor, 'Moscow');
    editor.commands.insertContent('the Kremlim');
    press(editor, 'Backspace');
    editor.commands.insertContent('n');
    expect(text(editor)).toBe('Talks in Moscowthe Kremlin ended.');
    expect(listSuggestions(editor.state.doc).map(describeSuggestion)).toEqual(['Replace “Moscow” with “the Kremlin”']);
    acceptIn(editor, listSuggestions(editor.state.doc)[0]!.id);
    expect(text(editor)).toBe('Talks in the Kremlin ended.');
    expect(published(doc)).toBe('Talks in the Kremlin ended.');
  });

  it('typing over a selected word that starts with the same letter still replaces the whole word', () => {
    const doc = storyWith('Barges are stuck.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    select(editor, 'stuck');
    for (const letter of 'stranded') editor.commands.insertContent(letter);
    expect(listSuggestions(editor.state.doc).map(describeSuggestion)).toEqual(['Replace “stuck” with “stranded”']);
  });

  it('formatting is suggested too, and rejecting it puts the text back as it was', () => {
    const doc = storyWith('Talks ended.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    select(editor, 'Talks');
    editor.commands.toggleBold();
    expect(editor.isActive('bold')).toBe(true);
    const [format] = listSuggestions(editor.state.doc);
    expect(describeSuggestion(format!)).toBe('Format “Talks”');
    rejectIn(editor, format!.id);
    select(editor, 'Talks');
    expect(editor.isActive('bold')).toBe(false);
    expect(listSuggestions(editor.state.doc)).toEqual([]);
  });

  it('off again, typing is an ordinary edit; accept all and reject all settle what is there', () => {
    const doc = storyWith('One two three.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    cursorAfter(editor, 'One');
    editor.commands.insertContent(' and a half');
    select(editor, 'three');
    press(editor, 'Backspace');
    editor.commands.setSuggesting(false);
    cursorAfter(editor, 'two');
    editor.commands.insertContent(',');
    expect(listSuggestions(editor.state.doc)).toHaveLength(2);
    expect(published(doc)).toBe('One two, three.');
    settleAllIn(editor, false);
    expect(text(editor)).toBe('One two, three.');
    expect(listSuggestions(editor.state.doc)).toEqual([]);
  });

  it('the live word count is core’s: suggested insertions and notes are not counted', () => {
    const doc = storyWith('Talks ended.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    cursorAfter(editor, 'ended');
    editor.commands.insertContent(' abruptly in Moscow');
    editor.commands.setSuggesting(false);
    editor.commands.insertContent(' ');
    editor.commands.setMark('editorNote', { authorId: 'Wesley Rahn', authorName: 'Wesley Rahn', at: '2026-12-03T10:00:00Z' });
    editor.commands.insertContent('check the date');
    expect(projectArticle(doc).wordCount).toBe(2);
    expect(storyStats(editor.state.doc).words).toBe(2);
  });

  it('accepting in suggestion mode is applied, not suggested', () => {
    const doc = storyWith('Talks ended.');
    const editor = editorOn(doc, 'Wesley Rahn');
    editor.commands.setSuggesting(true);
    cursorAfter(editor, 'ended');
    editor.commands.insertContent(' today');
    settleAllIn(editor, true);
    expect(listSuggestions(editor.state.doc)).toEqual([]);
    expect(published(doc)).toBe('Talks ended today.');
  });

  it('another laptop’s suggestions arrive by sync as they are, not as this person’s', () => {
    const doc = storyWith('Talks ended.');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const mine = editorOn(doc, 'Ana Ruiz');
    mine.commands.setSuggesting(true);
    const theirs = editorOn(other, 'Wesley Rahn');
    theirs.commands.setSuggesting(true);
    cursorAfter(theirs, 'ended');
    theirs.commands.insertContent(' abruptly');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote');
    const suggestions = listSuggestions(mine.state.doc);
    expect(suggestions.map((s) => [s.authorName, describeSuggestion(s)])).toEqual([['Wesley Rahn', 'Add “ abruptly”']]);
  });

  /** Review markup as Lede's editor shows it, copied out of another story (or another Lede) and pasted. */
  const REVIEW_HTML =
    '<p>Talks <ins data-review="insertion" data-suggestion="s1" data-author="mallory" title="Mallory">quietly </ins>ended ' +
    '<del data-review="deletion" data-suggestion="s2" data-author="mallory">in Moscow</del> ' +
    '<mark data-review="legal-flag">on Friday</mark> <span data-review="note">call back</span> ' +
    '<span class="comment-anchor" data-thread="t1">late</span>.</p>';
  const REVIEW_MARKS = new Set(['suggestedInsertion', 'suggestedDeletion', 'suggestedFormat', 'editorNote', 'legalFlag']);
  const marksIn = (editor: Editor) => {
    const names = new Set<string>();
    editor.state.doc.descendants((node) => {
      for (const mark of node.marks) names.add(mark.type.name);
    });
    return names;
  };

  it('a paste never brings review markup in: the text comes in plain, not as suggestions, flags or strike-through', () => {
    const doc = storyWith('');
    const editor = editorOn(doc, 'Ana Ruiz');
    expect(editor.view.pasteHTML(REVIEW_HTML)).toBe(true);
    expect(text(editor)).toBe('Talks quietly ended in Moscow on Friday call back late.');
    expect([...marksIn(editor)]).toEqual([]);
    expect(listSuggestions(editor.state.doc)).toEqual([]);
    expect(published(doc)).toBe('Talks quietly ended in Moscow on Friday call back late.');
  });

  it('pasted in suggestion mode, it is one suggestion by the person pasting, whatever the markup said', () => {
    const doc = storyWith('Before.');
    const editor = editorOn(doc, 'Ana Ruiz');
    editor.commands.setSuggesting(true);
    cursorAfter(editor, 'Before.');
    expect(editor.view.pasteHTML(REVIEW_HTML.replace('<p>', '<p> ').replace('</p>', ''))).toBe(true);
    const suggestions = listSuggestions(editor.state.doc);
    expect(suggestions.map((s) => [s.authorName, describeSuggestion(s)])).toEqual([['Ana Ruiz', 'Add “Talks quietly ended in Moscow on Friday call back late.”']]);
    expect([...marksIn(editor)].filter((name) => REVIEW_MARKS.has(name))).toEqual(['suggestedInsertion']);
    expect(published(doc)).toBe('Before.');
  });
});
