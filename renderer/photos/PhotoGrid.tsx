import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { clickSelection, moveSelection, type SelectionState } from './grid-selection';
import type { MediaPager } from './media-pager';
import { usePhotoDesk } from './photo-desk-store';
import { PhotoTile } from './PhotoTile';

const TILE_WIDTH = 176;
const TILE_HEIGHT = 212;

interface PhotoGridProps {
  pager: MediaPager;
  total: number;
  /** Hash at a grid position, including rows not loaded yet (from the full id list). */
  idAt(index: number): string | undefined;
  /** Ctrl/Cmd+A: every photo matching the filters. */
  onSelectAll(): void;
  resetKey: string;
}

/**
 * The photos as a virtualized grid: only the rows on screen exist, whatever
 * the total, so 5,000 photos paint as fast as 50. A multi-select listbox:
 * click, shift-click and ctrl/cmd-click with the mouse; arrows,
 * shift+arrows, Home/End, Space and ctrl/cmd+A with the keyboard.
 */
export function PhotoGrid({ pager, total, idAt, onSelectAll, resetKey }: PhotoGridProps) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [columns, setColumns] = useState(5);
  const { selected, focusIndex, anchorIndex, setSelection } = usePhotoDesk();
  const rows = Math.ceil(total / columns);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setColumns(Math.max(1, Math.floor((element.clientWidth - 16) / TILE_WIDTH)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => TILE_HEIGHT, overscan: 3 });
  const items = virtualizer.getVirtualItems();
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    pager.ensure(firstRow * columns, (lastRow + 1) * columns - 1);
  }, [pager, firstRow, lastRow, columns, total]);

  const previousKey = useRef(resetKey);
  useEffect(() => {
    if (previousKey.current === resetKey) return;
    previousKey.current = resetKey;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const state: SelectionState = { selected, focusIndex: Math.min(focusIndex, Math.max(0, total - 1)), anchorIndex };
  const apply = (next: SelectionState) => {
    setSelection(new Set(next.selected), next.focusIndex, next.anchorIndex);
    virtualizer.scrollToIndex(Math.floor(next.focusIndex / columns), { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const mod = event.ctrlKey || event.metaKey;
    const moveBy = (delta: number) => apply(moveSelection(state, state.focusIndex + delta, total, event.shiftKey, idAt));
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? TILE_HEIGHT) / TILE_HEIGHT)) * columns;
    switch (event.key) {
      case 'ArrowRight':
        moveBy(document.dir === 'rtl' ? -1 : 1);
        break;
      case 'ArrowLeft':
        moveBy(document.dir === 'rtl' ? 1 : -1);
        break;
      case 'ArrowDown':
        moveBy(columns);
        break;
      case 'ArrowUp':
        moveBy(-columns);
        break;
      case 'PageDown':
        moveBy(page);
        break;
      case 'PageUp':
        moveBy(-page);
        break;
      case 'Home':
        apply(moveSelection(state, 0, total, event.shiftKey, idAt));
        break;
      case 'End':
        apply(moveSelection(state, total - 1, total, event.shiftKey, idAt));
        break;
      case ' ':
        apply(clickSelection(state, state.focusIndex, { shift: false, toggle: true }, idAt));
        break;
      case 'a':
      case 'A':
        if (!mod) return;
        onSelectAll();
        break;
      case 'Escape':
        setSelection(new Set(), state.focusIndex, state.focusIndex);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const optionId = (index: number) => `photo-option-${index}`;
  return (
    <div
      ref={scrollRef}
      className="photo-grid"
      role="listbox"
      aria-multiselectable="true"
      aria-label="Photos"
      aria-activedescendant={total > 0 ? optionId(state.focusIndex) : undefined}
      aria-keyshortcuts="Control+A Space Escape"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" className="photo-grid-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((row) => (
          <div key={row.key} role="presentation" className="photo-grid-row" style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
            {Array.from({ length: columns }, (_, column) => {
              const index = row.index * columns + column;
              if (index >= total) return null;
              const asset = pager.item(index);
              return (
                <PhotoTile
                  key={index}
                  id={optionId(index)}
                  index={index}
                  total={total}
                  asset={asset}
                  selected={asset ? selected.has(asset.sha256) : false}
                  focused={index === state.focusIndex}
                  onPointer={(modifiers) => {
                    apply(clickSelection(state, index, modifiers, idAt));
                    scrollRef.current?.focus({ preventScroll: true });
                  }}
                />
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
