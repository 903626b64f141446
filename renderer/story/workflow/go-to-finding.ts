import type { Editor } from '@tiptap/core';
import type { FindingPlace } from '../../../shared/workflow/checks';

/**
 * Takes the person to where a finding is: the field (focused), the byline
 * box, or the node in the body (selected and scrolled into view).
 */
export function goToFinding(where: FindingPlace, editor: Editor | null): void {
  if (where.field === 'body') {
    if (!editor) return;
    const { doc } = editor.state;
    const pos = Math.min(where.pos, doc.content.size - 1);
    const node = doc.nodeAt(pos);
    const chain = editor.chain().focus();
    if (node && node.isTextblock) chain.setTextSelection(pos + 1 + node.content.size).scrollIntoView().run();
    else chain.setNodeSelection(pos).scrollIntoView().run();
    editor.view.dom.querySelector('.ProseMirror-selectednode')?.scrollIntoView({ block: 'center' });
    return;
  }
  const target =
    where.field === 'bylines'
      ? document.querySelector<HTMLElement>('.byline-add input')
      : document.querySelector<HTMLElement>(`[data-field="${where.field}"] textarea`);
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}
