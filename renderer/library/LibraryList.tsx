import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { ArticleSummary } from '../../shared/model';
import type { LibraryPager } from './library-pager';
import { LibraryRow } from './LibraryRow';
import { useLibrary, type LibraryView } from './library-store';

const ROW_HEIGHT = 64;

interface LibraryListProps {
  pager: LibraryPager;
  total: number;
  /** Changes when the filters change: the list goes back to the top. */
  resetKey: string;
  view: LibraryView;
  listRef: Ref<HTMLDivElement>;
  onOpen(summary: ArticleSummary): void;
  onTrash(summary: ArticleSummary): void;
  onRestore(summary: ArticleSummary): void;
  onPurge(summary: ArticleSummary): void;
}

/**
 * The library as a virtualized listbox: only the rows on screen exist in the
 * page, whatever the total, and their pages are fetched as they scroll into
 * view. Focus stays on the list; the selected row is its active descendant.
 */
export function LibraryList({ pager, total, resetKey, view, listRef, onOpen, onTrash, onRestore, onPurge }: LibraryListProps) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const selectedIndex = Math.min(useLibrary((s) => s.selectedIndex), Math.max(0, total - 1));
  const select = useLibrary((s) => s.select);
  const now = useNow(60_000);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    pager.ensure(first, last);
  }, [pager, first, last, total]);

  // Coming back from a story: the list shows the row that was open, and has focus for the keys.
  useEffect(() => {
    if (selectedIndex > 0) virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
    if (document.activeElement === document.body) scrollRef.current?.focus({ preventScroll: true });
    // Only when the list appears.
  }, []);

  const previousKey = useRef(resetKey);
  useEffect(() => {
    if (previousKey.current === resetKey) return;
    previousKey.current = resetKey;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    select(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const current = pager.item(selectedIndex);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(selectedIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(selectedIndex - 1);
        break;
      case 'PageDown':
        moveTo(selectedIndex + page);
        break;
      case 'PageUp':
        moveTo(selectedIndex - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'Enter':
        if (current) onOpen(current);
        break;
      case 'Delete':
      case 'Backspace':
        if (!current) break;
        if (view === 'trash') onPurge(current);
        else onTrash(current);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const rowId = (index: number) => `story-row-${index}`;

  return (
    <div
      ref={(element) => {
        scrollRef.current = element;
        if (typeof listRef === 'function') listRef(element);
        else if (listRef) (listRef as { current: HTMLDivElement | null }).current = element;
      }}
      className="story-list"
      data-view={view}
      role="listbox"
      aria-label={view === 'trash' ? 'Stories in the trash' : 'Stories'}
      aria-activedescendant={total > 0 ? rowId(selectedIndex) : undefined}
      aria-keyshortcuts="Enter Delete"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={() => {
        // Coming back to the list shows where the selection is.
        if (total > 0 && (selectedIndex < first || selectedIndex > last)) virtualizer.scrollToIndex(selectedIndex);
      }}
    >
      <div role="presentation" className="story-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <LibraryRow
            key={item.key}
            id={rowId(item.index)}
            index={item.index}
            total={total}
            summary={pager.item(item.index)}
            selected={item.index === selectedIndex}
            view={view}
            now={now}
            style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            onSelect={select}
            onOpen={onOpen}
            onRestore={onRestore}
            onPurge={onPurge}
          />
        ))}
      </div>
    </div>
  );
}

/** The current time, refreshed now and then, so "5 min ago" does not go stale on an idle screen. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
