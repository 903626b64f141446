import { Extension } from '@tiptap/core';
import { SHORTCUTS } from '../help/shortcuts';

/**
 * Story editor shortcuts that the schema's own extensions do not bring
 * (those give Mod-b/i/u, Mod-Shift-s, Mod-Alt-0/2/3, Mod-Shift-7/8, Mod-Shift-b;
 * test/renderer/help/shortcuts.test.ts checks that every key in
 * renderer/help/shortcuts.ts really does what the list says).
 * The link, find and video panels live in React, so their shortcuts call back into it.
 */
export interface StoryShortcutsOptions {
  /** Opens the link panel; return false to let the key through. */
  onOpenLink: () => boolean;
  /** Opens the find and replace bar; return false to let the key through. */
  onOpenFind: () => boolean;
  /** Opens the "Insert video" form; return false to let the key through. */
  onOpenVideo: () => boolean;
}

export const StoryShortcuts = Extension.create<StoryShortcutsOptions>({
  name: 'storyShortcuts',
  // Runs before Collaboration's own undo keys (priority 1000) so that an empty
  // undo stack still swallows Mod-z: the browser's native undo would otherwise
  // edit the DOM behind ProseMirror's back.
  priority: 1100,

  addOptions() {
    return { onOpenLink: () => false, onOpenFind: () => false, onOpenVideo: () => false };
  },

  addKeyboardShortcuts() {
    // A read-only story swallows the keys too: the shared undo would otherwise still change it.
    const undo = () => {
      if (this.editor.isEditable) this.editor.commands.undo();
      return true;
    };
    const redo = () => {
      if (this.editor.isEditable) this.editor.commands.redo();
      return true;
    };
    return {
      [SHORTCUTS.strike.alternative]: () => this.editor.commands.toggleStrike(),
      [SHORTCUTS.link.keys]: () => this.options.onOpenLink(),
      [SHORTCUTS.find.keys]: () => this.options.onOpenFind(),
      [SHORTCUTS.video.keys]: () => this.options.onOpenVideo(),
      [SHORTCUTS.undo.keys]: undo,
      [SHORTCUTS.redo.keys]: redo,
      [SHORTCUTS.redo.alternative]: redo,
    };
  },
});
