import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

interface VirtualRowsOptions {
  /** Options in the whole list, loaded or not. */
  itemCount: number;
  /** 1 for a list; the number of columns for a grid. */
  itemsPerRow: number;
  rowHeight: number;
  overscan: number;
  /** What fetches the options as they come into view (a `ListPager`). */
  pager: { ensure(start: number, end: number): void };
  /** Changes when the filters change: the list goes back to the top. */
  resetKey: string;
}

/**
 * The scrolling mechanics the library list and the photo grid share: only
 * the rows on screen exist in the page, whatever the total; the options they
 * show are fetched as they scroll into view; new filters scroll back to the top.
 */
export function useVirtualRows({ itemCount, itemsPerRow, rowHeight, overscan, pager, resetKey }: VirtualRowsOptions) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: Math.ceil(itemCount / itemsPerRow),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  const rows = virtualizer.getVirtualItems();
  // The first and last option on screen (rows drawn by overscan included).
  const first = (rows[0]?.index ?? 0) * itemsPerRow;
  const last = ((rows[rows.length - 1]?.index ?? 0) + 1) * itemsPerRow - 1;

  useEffect(() => {
    pager.ensure(first, last);
  }, [pager, first, last, itemCount]);

  const previousKey = useRef(resetKey);
  useEffect(() => {
    if (previousKey.current === resetKey) return;
    previousKey.current = resetKey;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  /** Scrolls the row holding option `index` into view. */
  const scrollToItem = (index: number, align: 'auto' | 'center' = 'auto') => virtualizer.scrollToIndex(Math.floor(index / itemsPerRow), { align });

  return { scrollRef, rows, first, last, totalSize: virtualizer.getTotalSize(), scrollToItem };
}
