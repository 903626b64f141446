import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import type { Slice } from '@tiptap/pm/model';
import { storySizeRefusal } from '../../shared/story-size';
import { countWords } from '../../shared/text-stats';

export interface StorySizeLimitOptions {
  /** The newsroom's limit in words, read at paste time (config can change while the story is open). */
  limit(): number;
  /** A paste or drop was refused whole; the message says why, with the numbers. */
  onRefused(message: string): void;
}

/**
 * Refuses a paste or a drop that would take the story past the newsroom's
 * word limit (shared/story-size.ts), before anything is inserted: the body
 * stays exactly as it was. It runs before every other paste handler (its
 * priority), so a whole-article paste is measured too when it finally goes
 * in. Typing is never measured: it cannot add a novel in one step.
 */
export const StorySizeLimit = Extension.create<StorySizeLimitOptions>({
  name: 'storySizeLimit',
  priority: 1000,
  addOptions() {
    return { limit: () => Number.POSITIVE_INFINITY, onRefused: () => undefined };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    const refuses = (state: EditorState, slice: Slice, what: string): boolean => {
      const refusal = sizeRefusal(state, slice, options.limit(), what);
      if (refusal) options.onRefused(refusal);
      return refusal !== null;
    };
    return [
      new Plugin({
        key: new PluginKey('storySizeLimit'),
        props: {
          handlePaste: (view, _event, slice) => refuses(view.state, slice, 'This paste'),
          // A move within the story adds nothing.
          handleDrop: (view, _event, slice, moved) => !moved && refuses(view.state, slice, 'This drop'),
        },
      }),
    ];
  },
});

/** Why inserting `slice` over the selection would take the story past `limit`, or null. */
export function sizeRefusal(state: EditorState, slice: Slice, limit: number, what: string): string | null {
  const added = countWords(slice.content.textBetween(0, slice.content.size, '\n', ' '));
  // Cheap first: most pastes are a sentence into a short story.
  if (added === 0) return null;
  const current = wordsOf(state.doc);
  const { from, to } = state.selection;
  const replaced = from === to ? 0 : countWords(state.doc.textBetween(from, to, '\n', ' '));
  return storySizeRefusal(what, current - replaced, added, limit);
}

function wordsOf(doc: ProseMirrorNode): number {
  return countWords(doc.textBetween(0, doc.content.size, '\n', ' '));
}
