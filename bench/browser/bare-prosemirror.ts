import { EditorState } from '@tiptap/pm/state';
import { EditorView } from '@tiptap/pm/view';
import { baseKeymap } from '@tiptap/pm/commands';
import { keymap } from '@tiptap/pm/keymap';
import { newsroomSchema } from '../../shared/editor/extensions';

/**
 * The comparison for the editor's budgets: bare ProseMirror with the same
 * schema and document as Lede's editor, no collaboration, no React.
 * Mounting again replaces the editor (the open rows mount it once per round).
 */
declare global {
  interface Window {
    mountBareProseMirror(json: unknown): void;
  }
}

let mounted: EditorView | null = null;

window.mountBareProseMirror = (json: unknown) => {
  mounted?.destroy();
  const schema = newsroomSchema();
  const state = EditorState.create({ doc: schema.nodeFromJSON(json), plugins: [keymap(baseKeymap)] });
  // The same element attributes and container classes as Lede's editor, so
  // both lay out the same text with the same CSS.
  mounted = new EditorView(document.getElementById('editor')!, {
    state,
    attributes: { class: 'story-body', lang: 'en', dir: 'ltr', spellcheck: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Body' },
  });
  mounted.focus();
};
