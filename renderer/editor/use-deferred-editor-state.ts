import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';

/**
 * Editor-derived UI state (toolbar buttons, undo availability) recomputed
 * after the frame that shows a keystroke, not inside it. Tiptap's
 * useEditorState runs its selector synchronously on every transaction, in the
 * middle of the input event; for a toolbar that asks a dozen `isActive`
 * questions and dry-runs undo/redo, that was a measurable share of keystroke
 * latency in a long story. Several transactions within a frame cost one
 * computation, and React re-renders only when a value changed.
 */
export function useDeferredEditorState<T extends Record<string, unknown>>(editor: Editor, selector: (editor: Editor) => T): T {
  const [state, setState] = useState(() => selector(editor));
  useEffect(() => {
    let frame: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const compute = () => {
      frame = null;
      timer = null;
      if (editor.isDestroyed) return;
      const next = selector(editor);
      setState((previous) => (shallowEqual(previous, next) ? previous : next));
    };
    const schedule = () => {
      if (frame !== null || timer !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        timer = setTimeout(compute, 0);
      });
    };
    compute();
    editor.on('transaction', schedule);
    return () => {
      editor.off('transaction', schedule);
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
    };
    // The selector is a pure function of the editor; a new closure each render must not resubscribe.
  }, [editor]);
  return state;
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.is(a[key], b[key]));
}
