/**
 * The keyboard of Lede's virtualized listboxes: the library's list of stories
 * (one column; up and down) and the photo desk's grid of photos (left and
 * right along a row, up and down by a row). Which option the keys move to is
 * decided here; what moving means (select one story, or move the focus and
 * extend a multi-selection) stays with each screen.
 */

export type ListboxLayout =
  /** `pageRows`: how many rows one PageUp/PageDown moves. */
  | { kind: 'list'; pageRows: number }
  /** `rtl`: a right-to-left page swaps what left and right mean. */
  | { kind: 'grid'; columns: number; pageRows: number; rtl: boolean };

/**
 * Where `key` moves the focus from option `from` of `total`, kept inside the
 * list; null when the key is not a movement key in this layout (the caller
 * leaves the event alone). Home and End go to the first and last option.
 */
export function navigationTarget(key: string, from: number, total: number, layout: ListboxLayout): number | null {
  const columns = layout.kind === 'grid' ? layout.columns : 1;
  let to: number;
  switch (key) {
    case 'ArrowDown':
      to = from + columns;
      break;
    case 'ArrowUp':
      to = from - columns;
      break;
    case 'ArrowRight':
    case 'ArrowLeft':
      if (layout.kind !== 'grid') return null;
      to = from + ((key === 'ArrowRight') !== layout.rtl ? 1 : -1);
      break;
    case 'PageDown':
      to = from + layout.pageRows * columns;
      break;
    case 'PageUp':
      to = from - layout.pageRows * columns;
      break;
    case 'Home':
      to = 0;
      break;
    case 'End':
      to = total - 1;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(total - 1, to));
}

/** How many rows of `rowHeight` the scrolling element shows, at least one; `fallback` before it is laid out. */
export function rowsInView(element: HTMLElement | null, rowHeight: number, fallback: number): number {
  return Math.max(1, Math.floor((element?.clientHeight ?? rowHeight * fallback) / rowHeight));
}

/** The ARIA an option of these listboxes carries: the list is virtualized, so each row says where it stands in the whole. */
export function optionAttributes(id: string, index: number, total: number, selected: boolean) {
  return { id, role: 'option', 'aria-selected': selected, 'aria-posinset': index + 1, 'aria-setsize': total } as const;
}
