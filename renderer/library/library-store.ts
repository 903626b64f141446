import { create } from 'zustand';
import type { LIBRARY_SORTS } from '../../shared/contract';
import type { Status } from '../../shared/model';

export type LibrarySort = (typeof LIBRARY_SORTS)[number];
export type LibraryView = 'active' | 'trash';

export interface LibraryFilters {
  /** What the person typed; the list follows it after a short pause. */
  search: string;
  status: Status | '';
  section: string;
  view: LibraryView;
  sort: LibrarySort;
  /** Only stories where someone mentioned this person in an open comment thread. */
  mentionsMe: boolean;
}

interface LibraryState extends LibraryFilters {
  selectedIndex: number;
  setFilters(patch: Partial<LibraryFilters>): void;
  select(index: number): void;
}

/**
 * The library's filters and selection live outside the screen, so going into
 * a story and back returns to the same search, filters and row.
 */
export const useLibrary = create<LibraryState>((set) => ({
  search: '',
  status: '',
  section: '',
  view: 'active',
  sort: 'updated',
  mentionsMe: false,
  selectedIndex: 0,
  setFilters(patch) {
    set({ ...patch, selectedIndex: 0 });
  },
  select(index) {
    set({ selectedIndex: Math.max(0, index) });
  },
}));
