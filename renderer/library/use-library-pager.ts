import { useEffect, useState, useSyncExternalStore } from 'react';
import { lede } from '../api/client';
import type { PagerSnapshot } from '../ui/list-pager';
import { createLibraryPager, type LibraryPager, type LibraryParams } from './library-pager';

const SEARCH_DEBOUNCE_MS = 120;
const CHANGED_DEBOUNCE_MS = 250;

/**
 * One pager for the library screen: follows the filters (the search text
 * after a short pause, the rest at once) and refreshes, debounced, when core
 * says library rows changed.
 */
export function useLibraryPager(params: LibraryParams): { pager: LibraryPager; snapshot: PagerSnapshot } {
  const [pager] = useState(() => createLibraryPager(lede()));
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const [query, setQuery] = useState(params.query);

  useEffect(() => {
    if (params.query === query) return;
    const timer = setTimeout(() => setQuery(params.query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [params.query, query]);

  const { status, section, mentioning, view, sort } = params;
  useEffect(() => {
    pager.setParams({ query, status, section, mentioning, view, sort });
  }, [pager, query, status, section, mentioning, view, sort]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = lede().on('library.changed', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => pager.invalidate(), CHANGED_DEBOUNCE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [pager]);

  return { pager, snapshot };
}
