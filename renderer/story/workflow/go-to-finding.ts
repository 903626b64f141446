import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import type { FindingPlace } from '../../../shared/workflow/checks';
import { readThreads } from '../../../shared/review/comments';
import { resolveBodyAnchor } from '../../editor/comment-anchors';

/**
 * Takes the person to where a finding is: the field (focused), the byline
 * box, or the node in the body (scrolled into view). Where the check knows
 * which characters it matched (a "TK"), those are selected, so the person can
 * type over them at once; otherwise the caret goes to the end of the text
 * block, or a block without text (a figure) is selected whole. A comment
 * thread's text is found through its anchor, wherever edits moved it.
 */
export function goToFinding(where: FindingPlace, editor: Editor | null, story?: Y.Doc): void {
  if (where.field === 'body') {
    if (!editor) return;
    const { doc } = editor.state;
    const thread = where.threadId && story ? readThreads(story).find((candidate) => candidate.id === where.threadId) : undefined;
    const anchored = thread ? resolveBodyAnchor(editor.state, thread) : null;
    if (anchored) {
      editor.chain().focus().setTextSelection(anchored).scrollIntoView().run();
      return;
    }
    const pos = Math.min(where.pos, doc.content.size - 1);
    const node = doc.nodeAt(pos);
    const chain = editor.chain().focus();
    if (where.range && where.range.to <= doc.content.size) chain.setTextSelection(where.range).scrollIntoView().run();
    else if (node && node.isTextblock) chain.setTextSelection(pos + 1 + node.content.size).scrollIntoView().run();
    else chain.setNodeSelection(pos).scrollIntoView().run();
    editor.view.dom.querySelector('.ProseMirror-selectednode')?.scrollIntoView({ block: 'center' });
    return;
  }
  const target =
    where.field === 'bylines'
      ? document.querySelector<HTMLInputElement>('.byline-add input')
      : document.querySelector<HTMLTextAreaElement>(`[data-field="${where.field}"] textarea`);
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
  if (target && where.range) target.setSelectionRange(where.range.from, Math.min(where.range.to, target.value.length));
}
