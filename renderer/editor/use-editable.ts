import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';

/**
 * Whether the story can be edited, kept current in node views: switching a
 * story to read-only does not redraw them, so they listen for it themselves.
 */
export function useEditable(editor: Editor): boolean {
  return useEditorState({ editor, selector: ({ editor: current }) => current.isEditable });
}
