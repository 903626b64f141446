import { create } from 'zustand';
import type { MediaParams } from './media-pager';

type QueryKey = keyof MediaParams;

interface PhotoDeskState extends MediaParams {
  /** Selected photos by hash (order does not matter). */
  selected: Set<string>;
  /** The photo keyboard focus and shift-ranges start from, by position in the grid. */
  focusIndex: number;
  anchorIndex: number;
  setQuery(patch: Partial<Pick<PhotoDeskState, QueryKey>>): void;
  setSelection(selected: Set<string>, focusIndex: number, anchorIndex?: number): void;
}

/** The photo desk's filters and selection live outside the screen: back from a story, they are as they were. */
export const usePhotoDesk = create<PhotoDeskState>((set) => ({
  query: '',
  filter: 'all',
  sort: 'imported',
  minRating: 0,
  label: 'any',
  taggedOnly: false,
  showRejected: false,
  selected: new Set(),
  focusIndex: 0,
  anchorIndex: 0,
  setQuery(patch) {
    set({ ...patch, selected: new Set(), focusIndex: 0, anchorIndex: 0 });
  },
  setSelection(selected, focusIndex, anchorIndex) {
    set((state) => ({ selected, focusIndex, anchorIndex: anchorIndex ?? state.anchorIndex }));
  },
}));

/** The list query the desk shows, from its state (one place, so the pager, the ids and the loupe ask the same). */
export function deskParams(state: MediaParams): MediaParams {
  const { query, filter, sort, minRating, label, taggedOnly, showRejected } = state;
  return { query, filter, sort, minRating, label, taggedOnly, showRejected };
}
