import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { isSuggesting } from './suggestion-mode';

/** Whether "Suggest changes" is on in this editor: the story's fields follow the body's mode. */
export function useIsSuggesting(editor: Editor | null): boolean {
  const [on, setOn] = useState(() => (editor ? isSuggesting(editor) : false));
  useEffect(() => {
    if (!editor) {
      setOn(false);
      return undefined;
    }
    // Turning the mode on or off is a transaction of its own (suggestion-mode.ts).
    const read = () => setOn(isSuggesting(editor));
    editor.on('transaction', read);
    read();
    return () => {
      editor.off('transaction', read);
    };
  }, [editor]);
  return on;
}
