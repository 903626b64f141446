import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { yUndoPluginKey } from '@tiptap/y-tiptap';

/**
 * Find and replace inside the story body. Matching runs per text block on the
 * block's plain text, so a word whose letters carry different marks
 * ("Sy**ria**") is still found. The search state lives in a ProseMirror plugin
 * so it follows every change to the document, local or remote.
 */

export interface FindMatch {
  from: number;
  to: number;
}

export interface FindReplaceState {
  searchTerm: string;
  replaceTerm: string;
  caseSensitive: boolean;
  matches: FindMatch[];
  /** Index into `matches` of the highlighted match; -1 when there is none. */
  currentIndex: number;
  decorations: DecorationSet;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    findReplace: {
      /** Searches for `term` from the cursor on and selects the first match. */
      setSearchTerm: (term: string) => ReturnType;
      setReplaceTerm: (term: string) => ReturnType;
      setCaseSensitive: (caseSensitive: boolean) => ReturnType;
      nextMatch: () => ReturnType;
      previousMatch: () => ReturnType;
      /** Replaces the highlighted match and moves on to the next one. */
      replaceCurrent: () => ReturnType;
      /** Replaces every match in one transaction, so one undo restores them all. */
      replaceAll: () => ReturnType;
    };
  }
}

export const findReplacePluginKey = new PluginKey<FindReplaceState>('findReplace');

const EMPTY_STATE: FindReplaceState = {
  searchTerm: '',
  replaceTerm: '',
  caseSensitive: false,
  matches: [],
  currentIndex: -1,
  decorations: DecorationSet.empty,
};

/** Stands in for an inline leaf (hard break) so text offsets stay equal to document offsets. */
const LEAF_PLACEHOLDER = '\uFFFC';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A text block's inline content as a string whose index i sits at document position blockStart + 1 + i. */
function textblockText(block: ProseMirrorNode): string {
  let text = '';
  block.forEach((child) => {
    text += child.isText ? (child.text ?? '') : LEAF_PLACEHOLDER.repeat(child.nodeSize);
  });
  return text;
}

/** Every occurrence of `term` in the document, in document order. */
export function findMatches(doc: ProseMirrorNode, term: string, caseSensitive: boolean): FindMatch[] {
  if (term === '') return [];
  const pattern = new RegExp(escapeRegExp(term), caseSensitive ? 'gu' : 'giu');
  const matches: FindMatch[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const start = pos + 1;
    for (const match of textblockText(node).matchAll(pattern)) {
      if (match[0].length === 0) continue;
      matches.push({ from: start + match.index, to: start + match.index + match[0].length });
    }
    return false;
  });
  return matches;
}

function buildDecorations(doc: ProseMirrorNode, matches: FindMatch[], currentIndex: number): DecorationSet {
  if (matches.length === 0) return DecorationSet.empty;
  return DecorationSet.create(
    doc,
    matches.map((match, index) =>
      Decoration.inline(match.from, match.to, {
        class: index === currentIndex ? 'find-match find-match-current' : 'find-match',
      }),
    ),
  );
}

/** The first match starting at or after `position`, wrapping round to the first one. */
function indexAtOrAfter(matches: FindMatch[], position: number): number {
  if (matches.length === 0) return -1;
  const index = matches.findIndex((match) => match.from >= position);
  return index === -1 ? 0 : index;
}

interface SearchInput {
  searchTerm: string;
  replaceTerm: string;
  caseSensitive: boolean;
}

function searchState(doc: ProseMirrorNode, input: SearchInput, preferredPosition: number): FindReplaceState {
  const matches = findMatches(doc, input.searchTerm, input.caseSensitive);
  const currentIndex = indexAtOrAfter(matches, preferredPosition);
  return { ...input, matches, currentIndex, decorations: buildDecorations(doc, matches, currentIndex) };
}

function withCurrent(doc: ProseMirrorNode, state: FindReplaceState, currentIndex: number): FindReplaceState {
  return { ...state, currentIndex, decorations: buildDecorations(doc, state.matches, currentIndex) };
}

/** The find state of an editor state; empty when the extension is not installed. */
export function getFindReplaceState(state: EditorState): FindReplaceState {
  return findReplacePluginKey.getState(state) ?? EMPTY_STATE;
}

/** Puts the next state into the transaction and selects its current match, scrolled into view. */
function commit(tr: Transaction, next: FindReplaceState): void {
  tr.setMeta(findReplacePluginKey, next);
  const match = next.matches[next.currentIndex];
  if (match) tr.setSelection(TextSelection.create(tr.doc, match.from, match.to)).scrollIntoView();
}

function inputOf(state: FindReplaceState): SearchInput {
  return { searchTerm: state.searchTerm, replaceTerm: state.replaceTerm, caseSensitive: state.caseSensitive };
}

function step(direction: 1 | -1) {
  return ({ state, tr, dispatch }: { state: EditorState; tr: Transaction; dispatch?: (tr: Transaction) => void }) => {
    const current = getFindReplaceState(state);
    const count = current.matches.length;
    if (count === 0) return false;
    if (dispatch) {
      const from = current.currentIndex < 0 ? (direction === 1 ? -1 : 0) : current.currentIndex;
      commit(tr, withCurrent(state.doc, current, (from + direction + count) % count));
    }
    return true;
  };
}

/** Replacement text carries the marks found across the replaced range (insertText's rule). */
function replaceRange(tr: Transaction, match: FindMatch, replacement: string): void {
  if (replacement === '') tr.delete(match.from, match.to);
  else tr.insertText(replacement, match.from, match.to);
}

export const FindReplace = Extension.create({
  name: 'findReplace',

  addCommands() {
    return {
      setSearchTerm:
        (term) =>
        ({ state, tr, dispatch }) => {
          const current = getFindReplaceState(state);
          if (dispatch) {
            // Searching starts where the person is: the current selection.
            commit(tr, searchState(state.doc, { ...inputOf(current), searchTerm: term }, state.selection.from));
          }
          return true;
        },
      setReplaceTerm:
        (term) =>
        ({ state, tr, dispatch }) => {
          if (dispatch) tr.setMeta(findReplacePluginKey, { ...getFindReplaceState(state), replaceTerm: term });
          return true;
        },
      setCaseSensitive:
        (caseSensitive) =>
        ({ state, tr, dispatch }) => {
          const current = getFindReplaceState(state);
          if (dispatch) commit(tr, searchState(state.doc, { ...inputOf(current), caseSensitive }, state.selection.from));
          return true;
        },
      nextMatch: () => step(1),
      previousMatch: () => step(-1),
      replaceCurrent:
        () =>
        ({ state, tr, dispatch }) => {
          const current = getFindReplaceState(state);
          const match = current.matches[current.currentIndex];
          if (!match) return false;
          if (dispatch) {
            ownUndoStep(state);
            replaceRange(tr, match, current.replaceTerm);
            // Continue after the replacement, so replacing "cat" with "cats" never loops.
            commit(tr, searchState(tr.doc, inputOf(current), tr.mapping.map(match.to)));
          }
          return true;
        },
      replaceAll:
        () =>
        ({ state, tr, dispatch }) => {
          const current = getFindReplaceState(state);
          if (current.matches.length === 0) return false;
          if (dispatch) {
            ownUndoStep(state);
            // Back to front, so earlier positions stay valid without mapping.
            for (let index = current.matches.length - 1; index >= 0; index--) {
              replaceRange(tr, current.matches[index]!, current.replaceTerm);
            }
            const next = searchState(tr.doc, inputOf(current), tr.mapping.map(state.selection.from));
            tr.setMeta(findReplacePluginKey, next);
          }
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<FindReplaceState>({
        key: findReplacePluginKey,
        state: {
          init: () => EMPTY_STATE,
          apply(tr, previous, oldState, newState) {
            const next = tr.getMeta(findReplacePluginKey) as FindReplaceState | undefined;
            if (next) return next;
            if (!tr.docChanged || previous.searchTerm === '') return previous;
            // Someone typed (here or remotely): keep highlighting the same match if it
            // still exists. A remote change replaces the whole document in one step, so
            // mapping loses the spot; the selection, restored by the sync plugin, keeps it.
            const current = previous.matches[previous.currentIndex];
            const selectedCurrent = current !== undefined && oldState.selection.from === current.from;
            const anchor = current && !selectedCurrent ? tr.mapping.map(current.from, -1) : newState.selection.from;
            return searchState(newState.doc, inputOf(previous), anchor);
          },
        },
        props: {
          decorations(state) {
            return findReplacePluginKey.getState(state)?.decorations ?? DecorationSet.empty;
          },
        },
      }),
    ];
  },
});

/**
 * A replacement is its own undo step. The collaborative undo manager merges
 * changes made within half a second of each other, so without this, a
 * "Replace all" right after typing would be undone together with the typing.
 * Capturing stops before the replacement and again once it has been applied
 * (after the dispatch that follows the command).
 */
function ownUndoStep(state: EditorState): void {
  const undoManager = (yUndoPluginKey.getState(state) as { undoManager?: { stopCapturing(): void } } | undefined)?.undoManager;
  if (!undoManager) return;
  undoManager.stopCapturing();
  queueMicrotask(() => undoManager.stopCapturing());
}
