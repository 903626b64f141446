import { describe, expect, it } from 'vitest';
import { clickSelection, moveSelection, type SelectionState } from '../../../renderer/photos/grid-selection';

const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
const idAt = (i: number) => ids[i];
const start: SelectionState = { selected: new Set(), focusIndex: 0, anchorIndex: 0 };
const sorted = (state: SelectionState) => [...state.selected].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

describe('photo grid selection', () => {
  it('click selects one; ctrl/cmd-click toggles; shift-click selects the range from the anchor', () => {
    let state = clickSelection(start, 3, { shift: false, toggle: false }, idAt);
    expect(sorted(state)).toEqual(['p3']);
    state = clickSelection(state, 7, { shift: false, toggle: true }, idAt);
    expect(sorted(state)).toEqual(['p3', 'p7']);
    state = clickSelection(state, 7, { shift: false, toggle: true }, idAt);
    expect(sorted(state)).toEqual(['p3']);
    state = clickSelection(clickSelection(start, 3, { shift: false, toggle: false }, idAt), 6, { shift: true, toggle: false }, idAt);
    expect(sorted(state)).toEqual(['p3', 'p4', 'p5', 'p6']);
    // Shift-click backwards from the same anchor replaces the range.
    state = clickSelection(state, 1, { shift: true, toggle: false }, idAt);
    expect(sorted(state)).toEqual(['p1', 'p2', 'p3']);
    // Ctrl+shift adds a range to what is selected.
    state = clickSelection({ ...state, anchorIndex: 10 }, 12, { shift: true, toggle: true }, idAt);
    expect(sorted(state)).toEqual(['p1', 'p2', 'p3', 'p10', 'p11', 'p12']);
  });

  it('arrows move and select; shift+arrows extend from the anchor; the ends are walls', () => {
    let state = moveSelection(start, 5, 20, false, idAt);
    expect(sorted(state)).toEqual(['p5']);
    state = moveSelection(state, 10, 20, true, idAt);
    expect(sorted(state)).toEqual(['p5', 'p6', 'p7', 'p8', 'p9', 'p10']);
    expect(state.anchorIndex).toBe(5);
    state = moveSelection(state, 99, 20, false, idAt);
    expect(sorted(state)).toEqual(['p19']);
    expect(moveSelection(state, -4, 20, false, idAt).focusIndex).toBe(0);
  });
});
