import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

/**
 * Marks a top bar item that is never cut short (the sync state, the save
 * state, who else is here): CSS keeps it whole (`flex: none`), and when it
 * grows, the bar's secondary actions are measured again.
 */
export const KEEP_WHOLE = { 'data-keep-whole': '' } as const;

/** The width of the bar's kept-whole items and the gaps after them, as laid out now. */
function keptWholeWidth(bar: HTMLElement): number {
  const gap = parseFloat(getComputedStyle(bar).columnGap) || 0;
  let width = 0;
  for (const item of bar.querySelectorAll(':scope > [data-keep-whole]')) width += item.getBoundingClientRect().width + gap;
  return width;
}

/**
 * A top bar's secondary actions: inline while they fit, behind a "More"
 * button when they do not. The bar's state words (KEEP_WHOLE items) are
 * never truncated to make room; the actions give way instead.
 *
 * How it decides: shown inline, the bar is measured before it is painted;
 * if its content is wider than the bar, the actions collapse, and the width
 * everything but the kept-whole items needed is remembered. While collapsed,
 * a change in the bar's or a kept-whole item's size brings the actions back
 * inline only once that width is free again (in the same frame: no
 * flicker). Trying them inline on every change instead rebuilt the "More"
 * button each time "Saving…" became "Saved" or someone joined: an open menu
 * closed under the pointer, and a click could miss a button that was never
 * there for long. The actions stay mounted while the menu is closed, so a
 * file picker an action opened still gets its answer.
 */
export function CollapsingActions({ children, label = 'More' }: { children: ReactNode; label?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const [collapsed, setCollapsed] = useState(false);
  const [open, setOpen] = useState(false);
  /** Bumped to measure again when something changed size while the actions were inline already. */
  const [, setTries] = useState(0);
  /** Read by the size watcher, which is set up once. */
  const collapsedNow = useRef(collapsed);
  collapsedNow.current = collapsed;
  /** What the bar's items other than the kept-whole ones needed, inline, when the actions last had to collapse. */
  const inlineNeeds = useRef(0);

  useLayoutEffect(() => {
    if (collapsed) return;
    const bar = box.current?.parentElement;
    if (bar && bar.scrollWidth > bar.clientWidth + 1) {
      inlineNeeds.current = bar.scrollWidth - keptWholeWidth(bar);
      setCollapsed(true);
    }
  });

  useEffect(() => {
    const bar = box.current?.parentElement;
    if (!bar) return;
    const widths = new WeakMap<Element, number>();
    const sizes = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const width = Math.round(entry.contentRect.width);
        if (widths.get(entry.target) !== width) changed = true;
        widths.set(entry.target, width);
      }
      if (!changed) return;
      // Collapsed: back inline only if what they needed fits now (the layout effect checks again).
      if (collapsedNow.current && bar.clientWidth - keptWholeWidth(bar) + 1 < inlineNeeds.current) return;
      // Inline (again), and measured (the layout effect) before the frame is painted.
      flushSync(() => {
        setCollapsed(false);
        setTries((n) => n + 1);
      });
    });
    const watch = () => {
      sizes.disconnect();
      sizes.observe(bar);
      for (const item of bar.querySelectorAll(':scope > [data-keep-whole]')) sizes.observe(item);
    };
    watch();
    // Kept-whole items come and go (presence, the sync state once core answered).
    const children = new MutationObserver(watch);
    children.observe(bar, { childList: true });
    return () => {
      sizes.disconnect();
      children.disconnect();
    };
  }, []);

  useEffect(() => {
    if (!collapsed) setOpen(false);
  }, [collapsed]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    // The first action has the focus, so the keyboard goes on from where the menu opened.
    box.current?.querySelector<HTMLElement>('.topbar-more-panel button:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!collapsed) {
    return (
      <div ref={box} className="topbar-actions">
        {children}
      </div>
    );
  }
  return (
    <div ref={box} className="topbar-actions topbar-more">
      <button
        ref={button}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${label} actions`}
        onClick={() => setOpen((was) => !was)}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      <div
        id={panelId}
        className="topbar-more-panel"
        role="group"
        aria-label={`${label} actions`}
        hidden={!open}
        // An action done closes the menu (the click has reached it first).
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('button')) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}
