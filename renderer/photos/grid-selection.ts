/**
 * Selection rules of the photo grid, as pure functions: what a click, a
 * shift-click, a ctrl/cmd-click or an arrow key does to the selection.
 * `idAt(i)` gives the hash at a grid position (from the loaded pages or the
 * full id list), so ranges work across rows not loaded yet.
 */
export interface SelectionState {
  selected: ReadonlySet<string>;
  focusIndex: number;
  anchorIndex: number;
}

export type PointerModifiers = { shift: boolean; toggle: boolean };

export function clickSelection(state: SelectionState, index: number, modifiers: PointerModifiers, idAt: (i: number) => string | undefined): SelectionState {
  const id = idAt(index);
  if (id === undefined) return state;
  if (modifiers.shift) {
    const range = rangeIds(state.anchorIndex, index, idAt);
    const selected = modifiers.toggle ? new Set([...state.selected, ...range]) : new Set(range);
    return { selected, focusIndex: index, anchorIndex: state.anchorIndex };
  }
  if (modifiers.toggle) {
    const selected = new Set(state.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, focusIndex: index, anchorIndex: index };
  }
  return { selected: new Set([id]), focusIndex: index, anchorIndex: index };
}

/** Arrow keys move the focus (and select it); with shift they extend the range from the anchor. */
export function moveSelection(state: SelectionState, to: number, total: number, extend: boolean, idAt: (i: number) => string | undefined): SelectionState {
  if (total === 0) return state;
  const index = Math.max(0, Math.min(total - 1, to));
  if (extend) return { selected: new Set(rangeIds(state.anchorIndex, index, idAt)), focusIndex: index, anchorIndex: state.anchorIndex };
  const id = idAt(index);
  return { selected: id === undefined ? new Set() : new Set([id]), focusIndex: index, anchorIndex: index };
}

function rangeIds(from: number, to: number, idAt: (i: number) => string | undefined): string[] {
  const [start, end] = from <= to ? [from, to] : [to, from];
  const ids: string[] = [];
  for (let i = start; i <= end; i++) {
    const id = idAt(i);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
