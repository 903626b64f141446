import { create } from 'zustand';
import type { MediaFilter, MediaSort } from './media-pager';

interface PhotoDeskState {
  query: string;
  filter: MediaFilter;
  sort: MediaSort;
  /** Selected photos by hash (order does not matter). */
  selected: Set<string>;
  /** The photo keyboard focus and shift-ranges start from, by position in the grid. */
  focusIndex: number;
  anchorIndex: number;
  setQuery(patch: Partial<Pick<PhotoDeskState, 'query' | 'filter' | 'sort'>>): void;
  setSelection(selected: Set<string>, focusIndex: number, anchorIndex?: number): void;
}

/** The photo desk's filters and selection live outside the screen: back from a story, they are as they were. */
export const usePhotoDesk = create<PhotoDeskState>((set) => ({
  query: '',
  filter: 'all',
  sort: 'imported',
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
