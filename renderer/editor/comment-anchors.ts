import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { COMMENTS_MAP, readThreads, type CommentThread } from '../../shared/review/comments';

/**
 * Comment anchors in the body (ADR 0072): Yjs relative positions in the
 * body's XML fragment, made and read through the editor's binding (which
 * knows how ProseMirror positions map onto the fragment), so an anchor
 * follows its text through everyone's edits and merges.
 */

interface Binding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Map<unknown, unknown>;
}

function bindingOf(state: EditorState): Binding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined;
  return sync?.binding ?? null;
}

/** Anchors for the body text from `from` to `to` (ProseMirror positions). */
export function bodyAnchor(state: EditorState, from: number, to: number): { start: Uint8Array; end: Uint8Array } | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping as never);
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping as never);
  return { start: Y.encodeRelativePosition(start), end: Y.encodeRelativePosition(end) };
}

/** Where a body thread's text is now; null when that text was deleted (or cannot be found). */
export function resolveBodyAnchor(state: EditorState, thread: Pick<CommentThread, 'start' | 'end'>): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding || binding.mapping.size === 0) return null;
  const from = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(thread.start), binding.mapping as never);
  const to = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(thread.end), binding.mapping as never);
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
  return { from, to };
}

const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights');
const REFRESH = 'lede-comments-changed';

export interface CommentHighlightsOptions {
  /** The story's document: its comment threads are read from here. */
  doc: Y.Doc | null;
  /** Resolved threads are highlighted too (the panel's "Show resolved"). */
  showResolved: () => boolean;
}

function highlights(state: EditorState, doc: Y.Doc, showResolved: boolean): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of readThreads(doc)) {
    if (thread.field !== 'body' || (thread.resolved && !showResolved)) continue;
    const range = resolveBodyAnchor(state, thread);
    if (!range) continue;
    decorations.push(Decoration.inline(range.from, range.to, { class: thread.resolved ? 'comment-anchor comment-anchor-resolved' : 'comment-anchor', 'data-thread': thread.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Highlights the text of each comment thread. Recomputed when the text or
 * the threads change; a keystroke maps the existing highlights instead
 * when no thread changed, so typing does not pay for every thread.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  addOptions() {
    return { doc: null, showResolved: () => false };
  },
  addProseMirrorPlugins() {
    const { doc, showResolved } = this.options;
    if (!doc) return [];
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set, _old, state) {
            const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
            // Local typing moves the highlights with the text; a change from elsewhere, or to the threads, reads them again.
            if (tr.getMeta(REFRESH) || sync?.isChangeOrigin) return highlights(state, doc, showResolved());
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
        },
        view: (view) => {
          const threads = doc.getMap(COMMENTS_MAP);
          // After the Yjs transaction that changed the threads (and any body change with it) is through.
          let queued = false;
          const refresh = () => {
            if (queued) return;
            queued = true;
            queueMicrotask(() => {
              queued = false;
              refreshCommentHighlights(view);
            });
          };
          threads.observeDeep(refresh);
          // The first highlights, once the binding has mapped the document.
          refresh();
          return { destroy: () => threads.unobserveDeep(refresh) };
        },
      }),
    ];
  },
});

/** Tells the highlights to read the threads again (after "Show resolved" changed). */
export function refreshCommentHighlights(view: EditorView): void {
  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(REFRESH, true).setMeta('addToHistory', false));
}
