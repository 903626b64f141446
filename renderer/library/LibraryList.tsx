import { useEffect, useState, type KeyboardEvent, type Ref } from 'react';
import type { ArticleSummary } from '../../shared/model';
import { navigationTarget, rowsInView } from '../ui/listbox';
import { useVirtualRows } from '../ui/use-virtual-rows';
import type { LibraryPager } from './library-pager';
import { LibraryRow } from './LibraryRow';
import { usePublishingMarkers } from '../publishing/use-publishing-markers';
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
  const selectedIndex = Math.min(useLibrary((s) => s.selectedIndex), Math.max(0, total - 1));
  const select = useLibrary((s) => s.select);
  const now = useNow(60_000);
  const publishing = usePublishingMarkers();

  const { scrollRef, rows, first, last, totalSize, scrollToItem } = useVirtualRows({ itemCount: total, itemsPerRow: 1, rowHeight: ROW_HEIGHT, overscan: 10, pager, resetKey });

  // Coming back from a story: the list shows the row that was open, and has focus for the keys.
  useEffect(() => {
    if (selectedIndex > 0) scrollToItem(selectedIndex, 'center');
    if (document.activeElement === document.body) scrollRef.current?.focus({ preventScroll: true });
    // Only when the list appears.
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    // One row short of a screenful: after a page, the row it started from can still be seen.
    const pageRows = Math.max(1, rowsInView(scrollRef.current, ROW_HEIGHT, 10) - 1);
    const target = navigationTarget(event.key, selectedIndex, total, { kind: 'list', pageRows });
    if (target !== null) {
      select(target);
      scrollToItem(target);
      event.preventDefault();
      return;
    }
    const current = pager.item(selectedIndex);
    switch (event.key) {
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
        if (total > 0 && (selectedIndex < first || selectedIndex > last)) scrollToItem(selectedIndex);
      }}
    >
      <div role="presentation" className="story-list-sizer" style={{ height: totalSize }}>
        {rows.map((item) => (
          <LibraryRow
            key={item.key}
            id={rowId(item.index)}
            index={item.index}
            total={total}
            summary={pager.item(item.index)}
            selected={item.index === selectedIndex}
            transmissionFailed={publishing.failed.has(pager.item(item.index)?.id ?? '')}
            embargoUntil={publishing.embargoed.get(pager.item(item.index)?.id ?? '') ?? null}
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
