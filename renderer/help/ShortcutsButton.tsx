import { ariaKeyShortcuts, withShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from './shortcuts';
import { useHelp } from './help-store';

/** The top bar's way to the keyboard shortcuts screen. */
export function ShortcutsButton() {
  const open = useHelp((s) => s.openShortcuts);
  return (
    <button
      type="button"
      className="button button-quiet"
      aria-haspopup="dialog"
      title={withShortcut('Keyboard shortcuts', SHORTCUTS.showShortcuts.keys)}
      aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.showShortcuts.keys)}
      onClick={open}
    >
      Shortcuts
    </button>
  );
}
