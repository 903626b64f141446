import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { navigationTarget, rowsInView } from '../ui/listbox';
import { useVirtualRows } from '../ui/use-virtual-rows';
import { matchesShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { isCullKey } from './culling';
import { clickSelection, moveSelection, type SelectionState } from './grid-selection';
import type { MediaPager } from './media-pager';
import { usePhotoDesk } from './photo-desk-store';
import { PhotoTile } from './PhotoTile';

const TILE_WIDTH = 176;
const TILE_HEIGHT = 224;

interface PhotoGridProps {
  pager: MediaPager;
  total: number;
  /** Hash at a grid position, including rows not loaded yet (from the full id list). */
  idAt(index: number): string | undefined;
  /** Ctrl/Cmd+A: every photo matching the filters. */
  onSelectAll(): void;
  /** Space, Enter or a double click: the photo at this position in the loupe. */
  onOpen(index: number): void;
  /** A culling key (0–9, T, X) for the selection. */
  onCullKey(key: string): void;
  /** C: the selected photos side by side. */
  onCompare(): void;
  resetKey: string;
}

/**
 * The photos as a virtualized grid: only the rows on screen exist, whatever
 * the total, so 5,000 photos paint as fast as 50. A multi-select listbox:
 * click, shift-click and ctrl/cmd-click with the mouse; arrows,
 * shift+arrows, Home/End, ctrl/cmd+Space and ctrl/cmd+A with the keyboard.
 * Space and Enter open the loupe (as in Photo Mechanic); 0–9, T and X cull.
 */
export function PhotoGrid({ pager, total, idAt, onSelectAll, onOpen, onCullKey, onCompare, resetKey }: PhotoGridProps) {
  const [columns, setColumns] = useState(5);
  const { selected, focusIndex, anchorIndex, setSelection } = usePhotoDesk();
  const { scrollRef, rows, totalSize, scrollToItem } = useVirtualRows({ itemCount: total, itemsPerRow: columns, rowHeight: TILE_HEIGHT, overscan: 3, pager, resetKey });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setColumns(Math.max(1, Math.floor((element.clientWidth - 16) / TILE_WIDTH)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const state: SelectionState = { selected, focusIndex: Math.min(focusIndex, Math.max(0, total - 1)), anchorIndex };

  // The loupe moves the focus from outside the grid: the grid keeps that photo in view.
  const shownFocus = useRef(state.focusIndex);
  useEffect(() => {
    if (shownFocus.current === state.focusIndex) return;
    shownFocus.current = state.focusIndex;
    scrollToItem(state.focusIndex);
  }, [state.focusIndex]);
  const apply = (next: SelectionState) => {
    setSelection(new Set(next.selected), next.focusIndex, next.anchorIndex);
    scrollToItem(next.focusIndex);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const layout = { kind: 'grid', columns, pageRows: rowsInView(scrollRef.current, TILE_HEIGHT, 1), rtl: document.dir === 'rtl' } as const;
    const target = navigationTarget(event.key, state.focusIndex, total, layout);
    if (target !== null) {
      // Shift extends the selection from the anchor; a plain move selects the photo moved to.
      apply(moveSelection(state, target, total, event.shiftKey, idAt));
      event.preventDefault();
      return;
    }
    const mod = event.ctrlKey || event.metaKey;
    if (isCullKey(event)) {
      onCullKey(event.key);
      event.preventDefault();
      return;
    }
    if (matchesShortcut(event, SHORTCUTS.compare.keys)) {
      onCompare();
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case ' ':
        // Ctrl/Cmd+Space adds or removes the focused photo; Space alone opens it, as Enter does.
        if (mod) apply(clickSelection(state, state.focusIndex, { shift: false, toggle: true }, idAt));
        else onOpen(state.focusIndex);
        break;
      case 'Enter':
        onOpen(state.focusIndex);
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
      aria-keyshortcuts="Control+A Control+Space Space Enter Escape 0 1 2 3 4 5 6 7 8 9 T X C"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" className="photo-grid-sizer" style={{ height: totalSize }}>
        {rows.map((row) => (
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
                  onOpen={() => onOpen(index)}
                />
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
