import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Chromium reports a selection the keyboard moved (Shift+Arrow, Home, End)
 * in a `selectionchange` event it queues as a task, and a key pressed quickly
 * after can be handled first. ProseMirror flushes pending DOM mutations on
 * keydown but not the selection, so Backspace or a typed letter acted on the
 * selection before the last arrow: a suggested deletion one character short,
 * a replacement that kept the selection's first letter. At every keydown,
 * before any other handler, this brings the state's text selection up to the
 * DOM's when they differ.
 */
export const DomSelectionSync = Extension.create({
  name: 'domSelectionSync',
  // Before the keymaps and suggestion mode, which read the state's selection.
  priority: 10_000,

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('domSelectionSync'),
        props: {
          handleKeyDown(view, event) {
            // During composition the DOM selection belongs to the input method.
            if (event.isComposing || event.keyCode === 229) return false;
            syncSelectionFromDom(view);
            return false;
          },
        },
      }),
    ];
  },
});

/** Moves the state's text selection to where the DOM's is; true when it moved. */
export function syncSelectionFromDom(view: EditorView): boolean {
  const { state } = view;
  if (!(state.selection instanceof TextSelection) || !view.hasFocus()) return false;
  const dom = (view.root as Document).getSelection?.();
  if (!dom?.anchorNode || !dom.focusNode) return false;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return false;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    head = view.posAtDOM(dom.focusNode, dom.focusOffset);
  } catch {
    return false; // a place ProseMirror does not map (inside a widget): leave it to ProseMirror.
  }
  if (anchor === state.selection.anchor && head === state.selection.head) return false;
  const size = state.doc.content.size;
  if (anchor < 0 || head < 0 || anchor > size || head > size) return false;
  const $anchor = state.doc.resolve(anchor);
  const $head = state.doc.resolve(head);
  if (!$anchor.parent.inlineContent || !$head.parent.inlineContent) return false;
  view.dispatch(state.tr.setSelection(TextSelection.between($anchor, $head)).setMeta('addToHistory', false));
  return true;
}
