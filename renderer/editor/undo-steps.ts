import { Extension } from '@tiptap/core';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';

/**
 * Where one Ctrl+Z stops. The shared undo (Y.UndoManager behind
 * Collaboration) merges every change made less than half a second after the
 * last one, so a fast typist's whole minute — a bold word, four paragraphs and
 * a subhead — became one step. This plugin ends a step, whatever the pace:
 *
 * - at a sentence's end: the text after ". " (or "! ", "? ", "… ") is a new step;
 * - at a change of format: text typed bold, or no longer bold, is a new step;
 * - around every change of structure (Enter, a subhead, a list, an insertion
 *   of a block): that change is a step of its own.
 *
 * Pauses still end a step too (the manager's own timeout). Colleagues'
 * changes (arriving through the sync plugin) are not ours and change nothing.
 */

/** What a change was, as far as undo steps care. */
export type ChangeKind = { kind: 'text'; marks: readonly Mark[] } | { kind: 'deletion' } | { kind: 'structure' } | { kind: 'none' };

/** Text typed so far ends a sentence: its last mark followed by a space (closing quotes and brackets allowed). */
const SENTENCE_END = /[.!?…؟。！？]["'”’»)\]]*\s$/u;

/**
 * Classifies a transaction of the person's own. Text typed or pasted inline
 * into one paragraph is "text" (with its marks); a removal inside one paragraph
 * is a "deletion"; anything that adds, splits, joins or changes blocks or marks
 * is "structure".
 */
export function classifyChange(tr: Transaction): ChangeKind {
  if (!tr.docChanged) return { kind: 'none' };
  let marks: readonly Mark[] | null = null;
  let deletion = false;
  for (let index = 0; index < tr.steps.length; index += 1) {
    const step = tr.steps[index]!;
    if (!(step instanceof ReplaceStep)) return { kind: 'structure' };
    const doc = tr.docs[index]!;
    const { from, to } = step as unknown as { from: number; to: number };
    const $from = doc.resolve(from);
    const $to = doc.resolve(to);
    if (!$from.sameParent($to) || !$from.parent.isTextblock) return { kind: 'structure' };
    const { slice } = step;
    if (slice.openStart > 0 || slice.openEnd > 0) return { kind: 'structure' };
    if (slice.content.size === 0) {
      deletion = true;
      continue;
    }
    let inline = true;
    slice.content.forEach((node: ProseMirrorNode) => {
      if (!node.isText) inline = false;
      else marks ??= node.marks;
    });
    if (!inline) return { kind: 'structure' };
  }
  if (marks) return { kind: 'text', marks };
  return deletion ? { kind: 'deletion' } : { kind: 'structure' };
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((mark, index) => mark.eq(b[index]!));
}

interface StepState {
  /** The next change of ours starts a new undo step. */
  boundary: boolean;
  /** Marks of the text typed last in the current step, to notice a change of format. */
  marks: readonly Mark[] | null;
}

/** Whether `change`, coming after `state`, must start a new undo step. */
export function startsNewStep(state: StepState, change: ChangeKind): boolean {
  if (change.kind === 'none') return false;
  if (state.boundary || change.kind === 'structure') return true;
  return change.kind === 'text' && state.marks !== null && !sameMarks(state.marks, change.marks);
}

function textBeforeCaret(state: EditorState): string {
  const { $head } = state.selection;
  return $head.parent.isTextblock ? $head.parent.textBetween(Math.max(0, $head.parentOffset - 8), $head.parentOffset, undefined, '\ufffc') : '';
}

/** The step state after a change of ours. */
export function afterChange(state: StepState, change: ChangeKind, next: EditorState): StepState {
  if (change.kind === 'none') return state;
  if (change.kind === 'structure') return { boundary: true, marks: null };
  if (change.kind === 'deletion') return { boundary: false, marks: state.boundary ? null : state.marks };
  return { boundary: SENTENCE_END.test(textBeforeCaret(next)), marks: change.marks };
}

const undoStepsKey = new PluginKey<StepState>('undoSteps');

/** A change the person made here (not a colleague's through sync, not one kept out of the history). */
function isOwnChange(tr: Transaction): boolean {
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return !sync?.isChangeOrigin && tr.getMeta('addToHistory') !== false;
}

export const UndoSteps = Extension.create({
  name: 'undoSteps',

  addProseMirrorPlugins() {
    return [
      new Plugin<StepState>({
        key: undoStepsKey,
        state: {
          init: () => ({ boundary: false, marks: null }),
          apply: (tr, value, _old, next) => (isOwnChange(tr) ? afterChange(value, classifyChange(tr), next) : value),
        },
        // Runs before the sync plugin writes the change into the shared document,
        // so stopping the capture here makes this very change the first of a new step.
        filterTransaction: (tr, state) => {
          if (!isOwnChange(tr)) return true;
          const steps = undoStepsKey.getState(state);
          const undo = yUndoPluginKey.getState(state)?.undoManager as { stopCapturing(): void } | undefined;
          if (steps && undo && startsNewStep(steps, classifyChange(tr))) undo.stopCapturing();
          return true;
        },
      }),
    ];
  },
});
