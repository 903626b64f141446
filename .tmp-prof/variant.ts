import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { newsroomSchema, newsroomExtensions } from '/work/main/shared/editor/extensions';
import { storyEditorExtensions } from '/work/main/renderer/editor/editor-extensions';

(window as any).mountVariant = (json: unknown, variant: string) => {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(newsroomSchema(), json, doc.getXmlFragment('body'));
  const el = document.getElementById('editor')!;
  const attrs = { class: 'story-body', lang: 'en', dir: 'ltr', spellcheck: 'true', role: 'textbox', 'aria-label': 'Body' };
  let extensions;
  if (variant === 'tiptap') extensions = newsroomExtensions();
  else if (variant === 'tiptap-collab') extensions = [...newsroomExtensions(), Collaboration.configure({ document: doc, field: 'body' })];
  else extensions = storyEditorExtensions({ doc });
  const editor = new Editor({ element: el, extensions, editorProps: { attributes: attrs }, ...(variant === 'tiptap' ? { content: json as any } : {}) });
  if (variant === 'lede-send') doc.on('update', (u: Uint8Array) => { (window as any).__sent = ((window as any).__sent ?? 0) + u.length; });
  (window as any).__editor = editor;
};
