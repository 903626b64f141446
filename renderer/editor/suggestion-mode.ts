import { Extension } from '@tiptap/core';
import type { Mark, MarkType, Node as ProseMirrorNode, Slice } from '@tiptap/pm/model';
import { ChangeSet } from '@tiptap/pm/changeset';
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from '@tiptap/pm/transform';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { REVIEW_MARK, SUGGESTIBLE_FORMATS } from '../../shared/review/review-mark-names';
import { SHORTCUTS } from '../help/shortcuts';

/**
 * "Suggest changes" (ADR 0072): while it is on, what the person types,
 * deletes or formats in the body is not applied but suggested. Every
 * transaction the person makes is let through and then turned into its
 * suggestion before it reaches the document:
 *
 * - inserted text carries a `suggestedInsertion` mark;
 * - deleted text is put back, carrying a `suggestedDeletion` mark — unless
 *   it was this person's own suggested insertion, which simply goes;
 * - bold, italic, underline and strikethrough are applied and remembered in
 *   a `suggestedFormat` mark, so rejecting puts the text back as it was.
 *
 * A run of typing (or deleting) next to one's own suggestion joins it, so a
 * sentence typed is one suggestion, not one per letter. Changes from sync
 * and from undo (which replays the shared document) pass untouched, as do
 * accepting and rejecting (SETTLING). Paragraph splits and joins are not
 * suggestions: a split is made as typed; a join would delete no text, so
 * nothing happens (the deleted boundary is put back).
 */

export interface SuggestionAuthor {
  authorId: string;
  authorName: string;
}

export interface SuggestionModeOptions {
  /** Who is suggesting now (the signed-in account, else this computer's profile). */
  author: () => SuggestionAuthor;
  /** Tells React the mode changed (the toolbar's "Suggest changes" button). */
  onChange?: (enabled: boolean) => void;
}

export interface SuggestionModeStorage {
  enabled: boolean;
}

const SUGGESTION_MODE_META = 'lede-suggestion-mode';

/** Transaction meta: this change settles suggestions (accept, reject) and is applied as it is. */
export const SETTLING = 'lede-settling-suggestions';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestionMode: {
      /** Turns "Suggest changes" on or off. */
      setSuggesting: (enabled: boolean) => ReturnType;
      toggleSuggesting: () => ReturnType;
    };
  }
  interface Storage {
    suggestionMode: SuggestionModeStorage;
  }
}

export function isSuggesting(editor: { storage: unknown }): boolean {
  return (editor.storage as { suggestionMode?: SuggestionModeStorage }).suggestionMode?.enabled === true;
}

function newId(): string {
  return crypto.randomUUID();
}

const FORMATS: ReadonlySet<string> = new Set(SUGGESTIBLE_FORMATS);

/** A token encoder under which nothing matches, so changes are the person's ranges as made. */
const NO_DIFF = {
  encodeCharacter: (char: number) => char,
  encodeNodeStart: (node: ProseMirrorNode) => node.type.name,
  encodeNodeEnd: (node: ProseMirrorNode) => node.type.name,
  compareTokens: () => false,
};

/**
 * The attributes of the suggestion of `type` by this author on the text right
 * beside `pos` (before, then after), to continue it: same id and same time,
 * so a typed run is one mark, not a mark per letter.
 */
function neighbourAttrs(doc: ProseMirrorNode, pos: number, type: MarkType, authorId: string, beforeOnly = false): Record<string, unknown> | null {
  const $pos = doc.resolve(pos);
  const sides = beforeOnly ? [$pos.nodeBefore] : [$pos.nodeBefore, $pos.nodeAfter];
  for (const node of sides) {
    const mark = node?.marks.find((candidate) => candidate.type === type && candidate.attrs.authorId === authorId);
    if (mark && typeof mark.attrs.id === 'string' && mark.attrs.id) return mark.attrs;
  }
  return null;
}

function isOwn(mark: Mark | undefined, authorId: string): boolean {
  return mark !== undefined && mark.attrs.authorId === authorId;
}

/** Text ranges (positions in `doc`) between from and to whose text node passes `test`. */
function textRuns(doc: ProseMirrorNode, from: number, to: number, test: (node: ProseMirrorNode) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true;
    if (test(node)) {
      const start = Math.max(from, pos);
      const end = Math.min(to, pos + node.nodeSize);
      const last = runs[runs.length - 1];
      if (last && last[1] === start) last[1] = end;
      else runs.push([start, end]);
    }
    return false;
  });
  return runs;
}

/**
 * The person's transaction as a suggestion, built on the state before it.
 * Returns null when it cannot be made one (its deleted content does not fit
 * back): then nothing is applied rather than an untracked change.
 */
export function asSuggestion(tr: Transaction, before: EditorState, author: SuggestionAuthor, at = new Date().toISOString()): Transaction | null {
  const schema = before.schema;
  const insertion = schema.marks[REVIEW_MARK.insertion]!;
  const deletion = schema.marks[REVIEW_MARK.deletion]!;
  const format = schema.marks[REVIEW_MARK.format]!;
  const out = before.tr;
  for (const step of tr.steps) out.step(step);
  const base = out.steps.length;
  const attrs = (id: string) => ({ id, authorId: author.authorId, authorName: author.authorName, at });

  // Formatting: applied as asked, remembered so it can be undone.
  tr.steps.forEach((step, index) => {
    if (!(step instanceof AddMarkStep || step instanceof RemoveMarkStep) || !FORMATS.has(step.mark.type.name)) return;
    const rest = tr.mapping.slice(index + 1);
    const from = rest.map(step.from, 1);
    const to = rest.map(step.to, -1);
    if (from >= to) return;
    const name = step.mark.type.name;
    const adding = step instanceof AddMarkStep;
    out.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText) return true;
      // One's own suggested text is still one's own to format.
      if (isOwn(node.marks.find((mark) => mark.type === insertion), author.authorId)) return false;
      const start = Math.max(from, pos);
      const end = Math.min(to, pos + node.nodeSize);
      const existing = node.marks.find((mark) => mark.type === format);
      const added = new Set(String(existing?.attrs.added ?? '').split(' ').filter(Boolean));
      const removed = new Set(String(existing?.attrs.removed ?? '').split(' ').filter(Boolean));
      if (adding) {
        if (removed.has(name)) removed.delete(name);
        else added.add(name);
      } else if (added.has(name)) added.delete(name);
      else removed.add(name);
      if (added.size === 0 && removed.size === 0) {
        if (existing) out.removeMark(start, end, existing);
        return false;
      }
      const continued = typeof existing?.attrs.id === 'string' && existing.attrs.id ? existing.attrs : (neighbourAttrs(out.doc, start, format, author.authorId) ?? attrs(newId()));
      out.addMark(start, end, format.create({ ...continued, added: [...added].join(' '), removed: [...removed].join(' ') }));
      return false;
    });
  });

  // Insertions and deletions, from the end back so earlier positions hold.
  // What replaces the person's selection replaces all of it: typing "s" over a selected "stuck" is
  // "stuck" → "s", not ChangeSet's minimal "tuck" → "" (NO_DIFF). Other changes are minimised, because
  // a change ProseMirror read back from the DOM can span more than what was typed.
  const first = tr.steps[0];
  const overSelection =
    !before.selection.empty && tr.steps.length === 1 && first instanceof ReplaceStep && first.from === before.selection.from && first.to === before.selection.to;
  const changes = ChangeSet.create(before.doc, undefined, overSelection ? NO_DIFF : undefined).addSteps(tr.doc, tr.mapping.maps, null).changes;
  for (const change of [...changes].reverse()) {
    const { fromA, toA, fromB, toB } = change;
    const inserted = toB > fromB;
    const deleted = toA > fromA ? before.doc.slice(fromA, toA) : null;
    const continued =
      (inserted ? neighbourAttrs(out.doc, fromB, insertion, author.authorId, true) : null) ??
      (deleted ? (neighbourAttrs(before.doc, toA, deletion, author.authorId) ?? neighbourAttrs(before.doc, fromA, deletion, author.authorId)) : null) ??
      attrs(newId());
    if (inserted) out.addMark(fromB, toB, insertion.create(continued));
    if (deleted && !putBack(out, fromB, deleted, deletion, insertion, author.authorId, continued)) return null;
  }

  const rest = out.mapping.slice(base);
  // After a deletion the cursor stands where a person expects: before what
  // they deleted with Backspace, after it with Delete.
  const forward = tr.selection.empty && before.selection.empty && changes.length === 1 && changes[0]!.fromB === changes[0]!.toB && before.selection.from === changes[0]!.fromA;
  const head = rest.map(tr.selection.head, forward ? 1 : -1);
  const anchor = tr.selection.empty ? head : rest.map(tr.selection.anchor, -1);
  out.setSelection(TextSelection.between(out.doc.resolve(anchor), out.doc.resolve(head)));
  if (tr.storedMarks) out.setStoredMarks(tr.storedMarks);
  out.scrollIntoView();
  return out;
}

/** Puts deleted content back at `at`, marked as suggested for deletion; one's own suggested insertions in it just go. */
function putBack(out: Transaction, at: number, deleted: Slice, deletion: MarkType, insertion: MarkType, authorId: string, attrs: Record<string, unknown>): boolean {
  const start = out.steps.length;
  try {
    out.replace(at, at, deleted);
  } catch {
    return false;
  }
  const map = out.mapping.slice(start);
  const from = map.map(at, -1);
  const to = map.map(at, 1);
  // Text already suggested for deletion (by anyone) keeps its suggestion.
  for (const [runFrom, runTo] of textRuns(out.doc, from, to, (node) => !node.marks.some((mark) => mark.type === deletion || isOwn(mark.type === insertion ? mark : undefined, authorId)))) {
    out.addMark(runFrom, runTo, deletion.create(attrs));
  }
  const own = textRuns(out.doc, from, to, (node) => isOwn(node.marks.find((mark) => mark.type === insertion), authorId));
  for (const [runFrom, runTo] of own.reverse()) out.delete(runFrom, runTo);
  return true;
}

function fromSync(tr: Transaction): boolean {
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return sync?.isChangeOrigin === true;
}

export const SuggestionMode = Extension.create<SuggestionModeOptions, SuggestionModeStorage>({
  name: 'suggestionMode',

  addOptions() {
    return { author: () => ({ authorId: '', authorName: '' }) };
  },

  addStorage() {
    return { enabled: false };
  },

  addCommands() {
    return {
      setSuggesting:
        (enabled) =>
        ({ tr }) => {
          this.storage.enabled = enabled;
          // A transaction of its own, so what shows the mode (the toolbar) hears of it.
          tr.setMeta(SUGGESTION_MODE_META, enabled);
          this.options.onChange?.(enabled);
          return true;
        },
      toggleSuggesting:
        () =>
        ({ commands }) =>
          commands.setSuggesting(!this.storage.enabled),
    };
  },

  addKeyboardShortcuts() {
    return { [SHORTCUTS.suggestChanges.keys]: () => this.editor.commands.toggleSuggesting() };
  },

  dispatchTransaction({ transaction, next }) {
    if (!this.storage.enabled || !transaction.docChanged || fromSync(transaction) || transaction.getMeta(SETTLING) || !this.editor.isEditable) {
      next(transaction);
      return;
    }
    const suggestion = asSuggestion(transaction, this.editor.state, this.options.author());
    if (suggestion) next(suggestion);
  },
});
