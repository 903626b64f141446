import { EditorState } from '@tiptap/pm/state';
import { EditorView } from '@tiptap/pm/view';
import { baseKeymap } from '@tiptap/pm/commands';
import { keymap } from '@tiptap/pm/keymap';
import { newsroomSchema } from '../../shared/editor/extensions';

/**
 * The comparison for the keystroke budget: bare ProseMirror with the same
 * schema and document as Lede's editor, no collaboration, no React.
 */
declare global {
  interface Window {
    mountBareProseMirror(json: unknown): void;
  }
}

window.mountBareProseMirror = (json: unknown) => {
  const schema = newsroomSchema();
  const state = EditorState.create({ doc: schema.nodeFromJSON(json), plugins: [keymap(baseKeymap)] });
  const view = new EditorView(document.getElementById('editor')!, { state });
  view.dom.setAttribute('aria-label', 'Body');
};
