import * as Y from 'yjs';
import { applyTextChange, minimalTextChange } from '../../shared/article-doc';

/**
 * Binds a plain <input> or <textarea> to a Y.Text (headline, kicker, teaser),
 * without any framework:
 * - local typing writes the smallest change, in a transaction with `origin`;
 * - a colleague's change rewrites the value and keeps the caret beside the
 *   same characters (Yjs relative positions taken just before the change);
 * - during IME composition nothing is written either way: remote changes wait
 *   and are merged with the composed text when it is committed;
 * - Mod-z / Mod-Shift-z / Mod-y undo and redo this person's own changes only;
 * - the text stays one line: typed, pasted or dropped line breaks become spaces;
 * - a typed straight quote may become a typographic one (`typeQuote`).
 */

export type TextInputElement = HTMLInputElement | HTMLTextAreaElement;

export interface TextBindingOptions {
  /** Called after the value was rewritten from the shared text (e.g. to resize a textarea). */
  onRender?: () => void;
  /**
   * What a typed straight quote (" or ') becomes after `before`, the text up
   * to the caret; null leaves it straight. Typed only: a paste keeps its marks.
   */
  typeQuote?: (typed: '"' | "'", before: string) => string | null;
}

type Delta = Array<{ insert?: unknown; retain?: number; delete?: number }>;

interface SavedSelection {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  direction: 'forward' | 'backward' | 'none';
}

/** Line breaks of any kind become single spaces. */
export function toSingleLine(value: string): string {
  return value.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}

function insertLength(insert: unknown): number {
  return typeof insert === 'string' ? insert.length : 1;
}

/**
 * Where `index` (in the text before a change) ends up after it. `stickRight`
 * decides which side of an insertion made exactly at `index` it lands on.
 */
export function mapIndexThroughDelta(index: number, delta: Delta, stickRight: boolean): number {
  let oldPos = 0;
  let newPos = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (index < oldPos + op.retain) return newPos + (index - oldPos);
      oldPos += op.retain;
      newPos += op.retain;
    } else if (op.insert !== undefined) {
      if (index === oldPos && !stickRight) return newPos;
      newPos += insertLength(op.insert);
    } else if (op.delete !== undefined) {
      if (index < oldPos + op.delete) return newPos;
      oldPos += op.delete;
    }
  }
  return newPos + (index - oldPos);
}

/** The end of the last change in a delta: where the caret goes after undo or redo. */
function caretAfterDelta(delta: Delta): number {
  let position = 0;
  let caret = 0;
  for (const op of delta) {
    if (op.retain !== undefined) position += op.retain;
    else if (op.insert !== undefined) caret = position += insertLength(op.insert);
    else if (op.delete !== undefined) caret = position;
  }
  return caret;
}

function isModifier(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey;
}

export function bindInputToText(input: TextInputElement, text: Y.Text, origin: object, options: TextBindingOptions = {}): () => void {
  const doc = text.doc;
  if (!doc) throw new Error('bindInputToText: the Y.Text must belong to a Y.Doc.');
  const undoManager = new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: 500 });
  /** What the input showed when it last agreed with the shared text. */
  let shown = text.toString();
  let composing = false;
  /** Remote changes that arrived during a composition, oldest first. */
  let pending: Delta[] = [];
  let saved: SavedSelection | null = null;
  input.value = shown;

  const setSelection = (start: number, end: number, direction: SavedSelection['direction'] = 'none') => {
    const length = input.value.length;
    input.setSelectionRange(Math.min(start, length), Math.min(end, length), direction);
  };

  const commitLocal = () => {
    const raw = input.value;
    const value = toSingleLine(raw);
    if (value !== raw) {
      const caret = toSingleLine(raw.slice(0, input.selectionStart ?? raw.length)).length;
      input.value = value;
      setSelection(caret, caret);
    }
    if (pending.length === 0) {
      if (value !== shown) doc.transact(() => applyTextChange(text, value), origin);
      shown = value;
      return;
    }
    // Colleagues typed while this person composed: place the composed change
    // where its surroundings moved to, so both survive.
    const change = minimalTextChange(shown, value);
    let from = change.from;
    let to = change.to;
    for (const delta of pending) {
      from = mapIndexThroughDelta(from, delta, true);
      to = Math.max(from, mapIndexThroughDelta(to, delta, false));
    }
    pending = [];
    doc.transact(() => {
      if (to > from) text.delete(from, to - from);
      if (change.insert) text.insert(from, change.insert);
    }, origin);
    render({ caret: from + change.insert.length });
  };

  /**
   * Shows the shared text, with the caret at `caret` (undo, redo, composition),
   * else beside the characters it was beside (`selection`), else mapped through `delta`.
   */
  const render = (placement: { caret?: number; selection?: SavedSelection | null; delta?: Delta }) => {
    const value = text.toString();
    let start = input.selectionStart ?? 0;
    let end = input.selectionEnd ?? start;
    let direction = input.selectionDirection ?? 'none';
    if (placement.caret !== undefined) start = end = placement.caret;
    else if (placement.selection) {
      start = Y.createAbsolutePositionFromRelativePosition(placement.selection.start, doc)?.index ?? start;
      end = Math.max(start, Y.createAbsolutePositionFromRelativePosition(placement.selection.end, doc)?.index ?? end);
      direction = placement.selection.direction;
    } else if (placement.delta) {
      start = mapIndexThroughDelta(start, placement.delta, start !== end);
      end = mapIndexThroughDelta(end, placement.delta, false);
    }
    shown = value;
    if (input.value !== value) input.value = value;
    setSelection(start, end, direction);
    options.onRender?.();
  };

  /** True while this binding handles a change; reading a Y.Text delta runs a transaction of its own. */
  let handling = false;

  // Just before anyone else's change, remember the selection relative to the characters around it.
  const onBeforeTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin === origin || composing || handling) return;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? start;
    saved = {
      // A collapsed caret sticks to the character before it, so text a colleague
      // adds right at the caret appears after it, not under it.
      start: Y.createRelativePositionFromTypeIndex(text, start, start === end ? -1 : 0),
      end: Y.createRelativePositionFromTypeIndex(text, end, -1),
      direction: input.selectionDirection ?? 'none',
    };
  };

  const onTextChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    const selection = saved;
    saved = null;
    handling = true;
    try {
      if (composing) pending.push(event.changes.delta as Delta);
      else if (transaction.origin === undoManager) render({ caret: caretAfterDelta(event.changes.delta as Delta) });
      else render({ selection, delta: event.changes.delta as Delta });
    } finally {
      handling = false;
    }
  };

  const onInput = (event: Event) => {
    if (composing || (event as InputEvent).isComposing) return;
    commitLocal();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    commitLocal();
  };

  const undo = () => {
    undoManager.stopCapturing();
    undoManager.undo();
  };
  const redo = () => undoManager.redo();

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing) return;
    const key = event.key.toLowerCase();
    if (isModifier(event) && key === 'z') {
      event.preventDefault();
      if (input.readOnly) return;
      if (event.shiftKey) redo();
      else undo();
    } else if (isModifier(event) && !event.shiftKey && key === 'y') {
      event.preventDefault();
      if (!input.readOnly) redo();
    } else if (event.key === 'Enter') {
      // One line only: Enter never adds a line break (and never submits a surrounding form).
      event.preventDefault();
    }
  };

  const onBeforeInput = (event: InputEvent) => {
    if (event.inputType === 'historyUndo' || event.inputType === 'historyRedo') {
      // Edit menu or context menu: the same own-changes-only history as the keys.
      event.preventDefault();
      if (event.inputType === 'historyUndo') undo();
      else redo();
    } else if (event.inputType === 'insertLineBreak' || event.inputType === 'insertParagraph') {
      event.preventDefault();
    } else if (event.inputType === 'insertText' && (event.data === '"' || event.data === "'") && !input.readOnly && !composing) {
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? start;
      const replacement = options.typeQuote?.(event.data, input.value.slice(0, start));
      if (!replacement) return;
      event.preventDefault();
      input.setRangeText(replacement, start, end, 'end');
      commitLocal();
    }
  };

  const onPaste = (event: ClipboardEvent) => {
    const pasted = event.clipboardData?.getData('text/plain');
    if (pasted === undefined || input.readOnly) return;
    event.preventDefault();
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.setRangeText(toSingleLine(pasted), start, end, 'end');
    commitLocal();
  };

  // Typed as a plain element: the input/textarea union does not resolve addEventListener's overloads.
  const target: HTMLElement = input;
  doc.on('beforeTransaction', onBeforeTransaction);
  text.observe(onTextChange);
  target.addEventListener('input', onInput);
  target.addEventListener('compositionstart', onCompositionStart);
  target.addEventListener('compositionend', onCompositionEnd);
  target.addEventListener('keydown', onKeyDown);
  target.addEventListener('beforeinput', onBeforeInput);
  target.addEventListener('paste', onPaste);

  return () => {
    doc.off('beforeTransaction', onBeforeTransaction);
    text.unobserve(onTextChange);
    target.removeEventListener('input', onInput);
    target.removeEventListener('compositionstart', onCompositionStart);
    target.removeEventListener('compositionend', onCompositionEnd);
    target.removeEventListener('keydown', onKeyDown);
    target.removeEventListener('beforeinput', onBeforeInput);
    target.removeEventListener('paste', onPaste);
    undoManager.destroy();
  };
}
