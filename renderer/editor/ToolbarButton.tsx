import type { ReactNode } from 'react';
import { withShortcut } from './shortcut-label';

export interface ToolbarButtonProps {
  /** Accessible name ("Bold"); the visible content may be shorter ("B"). */
  label: string;
  /** Tiptap key name shown in the tooltip ("Mod-b"). */
  shortcut?: string;
  /** A toggle reports its state with aria-pressed; an action leaves it out. */
  pressed?: boolean;
  disabled?: boolean;
  /** The control opens a dialog (link, video). */
  opensDialog?: boolean;
  expanded?: boolean;
  onClick(): void;
  children: ReactNode;
}

export function ToolbarButton({ label, shortcut, pressed, disabled, opensDialog, expanded, onClick, children }: ToolbarButtonProps) {
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-label={label}
      title={withShortcut(label, shortcut)}
      aria-pressed={pressed}
      aria-haspopup={opensDialog ? 'dialog' : undefined}
      aria-expanded={opensDialog ? Boolean(expanded) : undefined}
      disabled={disabled}
      // Keep the editor's selection: a mouse click on a toolbar button must not move focus away first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
