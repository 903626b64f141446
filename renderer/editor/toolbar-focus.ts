import type { KeyboardEvent } from 'react';

/**
 * Keyboard use of a toolbar (WAI-ARIA toolbar pattern): one Tab stop, arrow
 * keys move between controls, Home/End jump to the ends. Tab indexes are set
 * on the DOM directly so React renders do not fight over them.
 */

const CONTROLS = 'button, select, input';

function controlsOf(toolbar: HTMLElement, includeDisabled = false): HTMLElement[] {
  return Array.from(toolbar.querySelectorAll<HTMLElement>(CONTROLS)).filter(
    (control) => control.closest('[role="toolbar"]') === toolbar && (includeDisabled || !control.matches(':disabled')),
  );
}

/** Leaves exactly one control tabbable: the focused one, else the last one used, else the first. */
export function syncRovingTabIndex(toolbar: HTMLElement, preferred?: HTMLElement | null): void {
  const controls = controlsOf(toolbar);
  const current = preferred && controls.includes(preferred) ? preferred : controls.find((control) => control.tabIndex === 0) ?? controls[0];
  // Disabled controls too: one that was the Tab stop must not keep tabindex 0 once re-enabled.
  for (const control of controlsOf(toolbar, true)) control.tabIndex = control === current ? 0 : -1;
}

export function handleToolbarKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const toolbar = event.currentTarget;
  const controls = controlsOf(toolbar);
  const index = controls.indexOf(event.target as HTMLElement);
  if (index === -1) return;
  const rtl = getComputedStyle(toolbar).direction === 'rtl';
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  let next: number;
  if (event.key === forward) next = (index + 1) % controls.length;
  else if (event.key === backward) next = (index - 1 + controls.length) % controls.length;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = controls.length - 1;
  else return;
  event.preventDefault();
  const target = controls[next]!;
  syncRovingTabIndex(toolbar, target);
  target.focus();
}
