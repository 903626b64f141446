import { Editor } from '@tiptap/core';
import { UndoRedo } from '@tiptap/extensions';
import { afterEach, describe, expect, it } from 'vitest';
import { newsroomExtensions } from '../../../shared/editor/extensions';
import { findMatches, FindReplace, getFindReplaceState } from '../../../renderer/editor/find-replace';

let editor: Editor | null = null;

function makeEditor(html: string): Editor {
  editor = new Editor({ extensions: [...newsroomExtensions(), FindReplace, UndoRedo], content: html });
  return editor;
}

function matchedTexts(current: Editor): string[] {
  return getFindReplaceState(current.state).matches.map((match) => current.state.doc.textBetween(match.from, match.to));
}

function decorationClasses(current: Editor): string[] {
  return Array.from(current.view.dom.querySelectorAll('.find-match')).map((element) => element.className);
}

afterEach(() => {
  editor?.destroy();
  editor = null;
});

describe('find', () => {
  it('finds a word whose letters carry different marks', () => {
    const current = makeEditor('<p>Sy<strong>ri</strong><em>a</em> and syria</p><h2>SYRIA today</h2>');
    current.commands.setSearchTerm('syria');
    expect(matchedTexts(current)).toEqual(['Syria', 'syria', 'SYRIA']);
    const state = getFindReplaceState(current.state);
    expect(state.currentIndex).toBe(0);
    expect(current.state.selection.from).toBe(state.matches[0]!.from);
    expect(current.state.selection.to).toBe(state.matches[0]!.to);
  });

  it('highlights every match and the current one more strongly', () => {
    const current = makeEditor('<p>one two one</p><p>one</p>');
    current.commands.setSearchTerm('one');
    const classes = decorationClasses(current);
    expect(classes.filter((name) => name.includes('find-match-current'))).toHaveLength(1);
    expect(new Set(Array.from(current.view.dom.querySelectorAll('.find-match')).map((element) => element.textContent))).toEqual(new Set(['one']));
  });

  it('respects case sensitivity', () => {
    const current = makeEditor('<p>Moscow, moscow, MOSCOW</p>');
    current.commands.setSearchTerm('Moscow');
    expect(matchedTexts(current)).toHaveLength(3);
    current.commands.setCaseSensitive(true);
    expect(matchedTexts(current)).toEqual(['Moscow']);
    current.commands.setCaseSensitive(false);
    expect(matchedTexts(current)).toHaveLength(3);
  });

  it('treats the search term literally and never matches across blocks or hard breaks', () => {
    const current = makeEditor('<p>a.b (c) axb</p><p>end</p><p>start</p><p>x<br>y</p>');
    current.commands.setSearchTerm('a.b');
    expect(matchedTexts(current)).toEqual(['a.b']);
    current.commands.setSearchTerm('(c)');
    expect(matchedTexts(current)).toEqual(['(c)']);
    expect(findMatches(current.state.doc, 'endstart', false)).toEqual([]);
    expect(findMatches(current.state.doc, 'xy', false)).toEqual([]);
  });

  it('moves through matches with next and previous, wrapping round', () => {
    const current = makeEditor('<p>cat dog cat dog cat</p>');
    current.commands.setSearchTerm('cat');
    const index = () => getFindReplaceState(current.state).currentIndex;
    expect(index()).toBe(0);
    current.commands.nextMatch();
    expect(index()).toBe(1);
    current.commands.nextMatch();
    current.commands.nextMatch();
    expect(index()).toBe(0);
    current.commands.previousMatch();
    expect(index()).toBe(2);
    const match = getFindReplaceState(current.state).matches[2]!;
    expect(current.state.selection.from).toBe(match.from);
  });

  it('follows edits made while searching', () => {
    const current = makeEditor('<p>Putin met Sharaa</p>');
    current.commands.setSearchTerm('Sharaa');
    expect(matchedTexts(current)).toEqual(['Sharaa']);
    current.commands.insertContentAt(1, 'Sharaa said ');
    expect(matchedTexts(current)).toEqual(['Sharaa', 'Sharaa']);
  });

  it('clears matches and highlights when the term is emptied', () => {
    const current = makeEditor('<p>one one</p>');
    current.commands.setSearchTerm('one');
    current.commands.setSearchTerm('');
    expect(getFindReplaceState(current.state).matches).toEqual([]);
    expect(decorationClasses(current)).toEqual([]);
  });
});

describe('replace', () => {
  it('replaces the current match and moves on to the next', () => {
    const current = makeEditor('<p>Tartus and Tartus</p>');
    current.commands.setSearchTerm('Tartus');
    current.commands.setReplaceTerm('Tartous');
    current.commands.replaceCurrent();
    expect(current.getText()).toBe('Tartous and Tartus');
    expect(matchedTexts(current)).toEqual(['Tartus']);
    expect(getFindReplaceState(current.state).currentIndex).toBe(0);
  });

  it('does not loop when the replacement contains the term', () => {
    const current = makeEditor('<p>cat cat</p>');
    current.commands.setSearchTerm('cat');
    current.commands.setReplaceTerm('cats');
    current.commands.replaceCurrent();
    current.commands.replaceCurrent();
    expect(current.getText()).toBe('cats cats');
  });

  it('keeps the marks of replaced text', () => {
    const current = makeEditor('<p>the <strong>Kremlin</strong> said</p>');
    current.commands.setSearchTerm('Kremlin');
    current.commands.setReplaceTerm('Russian government');
    current.commands.replaceCurrent();
    expect(current.getHTML()).toBe('<p>the <strong>Russian government</strong> said</p>');
  });

  it('replaces all matches, across marks, in one transaction and one undo step', () => {
    const current = makeEditor('<p>Sy<strong>ri</strong>a, syria</p><ul><li><p>SYRIA</p></li></ul>');
    current.commands.setSearchTerm('syria');
    current.commands.setReplaceTerm('Syrien');
    const before = current.getHTML();
    let documentChanges = 0;
    current.on('transaction', ({ transaction }) => {
      if (transaction.docChanged) documentChanges++;
    });
    current.commands.replaceAll();
    expect(documentChanges).toBe(1);
    expect(current.getHTML()).toBe('<p>Syrien, Syrien</p><ul><li><p>Syrien</p></li></ul>');
    expect(getFindReplaceState(current.state).matches).toEqual([]);
    current.commands.undo();
    expect(current.getHTML()).toBe(before);
  });

  it('deletes matches when the replacement is empty', () => {
    const current = makeEditor('<p>very very good</p>');
    current.commands.setSearchTerm('very ');
    current.commands.setReplaceTerm('');
    current.commands.replaceAll();
    expect(current.getText()).toBe('good');
  });

  it('refuses to replace when nothing matches', () => {
    const current = makeEditor('<p>nothing here</p>');
    current.commands.setSearchTerm('absent');
    expect(current.commands.replaceCurrent()).toBe(false);
    expect(current.commands.replaceAll()).toBe(false);
    expect(current.commands.nextMatch()).toBe(false);
  });
});
