import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { importFiles } from '../photos/media-import';
import { MEDIA_DRAG_TYPE } from '../photos/drag-types';
import { showToast } from '../ui/toast-store';
import { fetchAsset, insertFigure } from './figure-insert';

const IMAGE_TYPE = /^image\//;

/**
 * Photos into a story: a photo dragged from the photo desk or the story's
 * photo panel becomes a figure where it is dropped; image files dropped or
 * pasted are imported into the library first (so they are photos like any
 * other, stored once by hash) and then inserted.
 */
export const MediaDrop = Extension.create({
  name: 'mediaDrop',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('mediaDrop'),
        props: {
          handleDrop: (view, event) => {
            const transfer = event.dataTransfer;
            if (!transfer || !editor.isEditable) return false;
            const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
            const sha256 = transfer.getData(MEDIA_DRAG_TYPE);
            if (sha256) {
              event.preventDefault();
              void fetchAsset(sha256).then((asset) => asset && insertFigure(editor, asset, pos));
              return true;
            }
            const images = Array.from(transfer.files).filter((file) => IMAGE_TYPE.test(file.type));
            if (images.length === 0) return false;
            event.preventDefault();
            void importAndInsert(editor, view, images, pos);
            return true;
          },
          handlePaste: (view, event) => {
            const images = Array.from(event.clipboardData?.files ?? []).filter((file) => IMAGE_TYPE.test(file.type));
            if (images.length === 0 || !editor.isEditable) return false;
            event.preventDefault();
            void importAndInsert(editor, view, images, view.state.selection.to);
            return true;
          },
        },
      }),
    ];
  },
});

async function importAndInsert(editor: Editor, view: EditorView, files: File[], pos: number | undefined): Promise<void> {
  let handle;
  try {
    handle = await importFiles(files, { outcomes: true });
  } catch (error) {
    showToast({ message: `The picture could not be imported: ${(error as Error).message}`, tone: 'error' });
    return;
  }
  const outcomes = await handle.done;
  let at = pos;
  for (const outcome of outcomes) {
    if (!('sha256' in outcome)) {
      showToast({ message: `${outcome.name} was not imported: ${outcome.reason ?? outcome.status}`, tone: 'error' });
      continue;
    }
    const asset = await fetchAsset(outcome.sha256);
    if (!asset || view.isDestroyed) continue;
    insertFigure(editor, asset, at);
    at = editor.state.selection.to;
  }
}
