import { useEffect } from 'react';
import { matchesShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { useToasts } from './toast-store';

/**
 * Mod+Z on a screen without its own undo history (the photo desk) runs the
 * "Undo" of the newest notice still shown, the same as clicking it. In a
 * text field or a dialog, Mod+Z stays the field's own undo.
 */
export function useUndoToastShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, SHORTCUTS.undo.keys)) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || target.closest('dialog'))) return;
      const { toasts, dismiss } = useToasts.getState();
      const toast = [...toasts].reverse().find((candidate) => candidate.action?.undo);
      if (!toast) return;
      event.preventDefault();
      toast.action!.run();
      dismiss(toast.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
