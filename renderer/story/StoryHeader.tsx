import type { ReactNode } from 'react';
import { ariaKeyShortcuts, withShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { ShortcutsButton } from '../help/ShortcutsButton';
import { CollapsingActions } from '../ui/CollapsingActions';

interface StoryHeaderProps {
  onBack(): void;
  title?: string;
  /** Who else is here, the save state and the sync state, once it is open: never cut short. */
  status?: ReactNode;
  /** The story's actions: inline while they fit, else behind "More". */
  actions?: ReactNode;
}

/** The story screen's top bar: the way back, what this story is, whether it is saved, and its actions. */
export function StoryHeader({ onBack, title, status, actions }: StoryHeaderProps) {
  return (
    <header className="topbar story-topbar">
      <button
        type="button"
        className="button button-quiet back-button"
        onClick={onBack}
        title={withShortcut('Back to the library', SHORTCUTS.backToLibrary.keys)}
        aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.backToLibrary.keys)}
      >
        <span aria-hidden="true">←</span> Library
      </button>
      {title !== undefined && (
        <p className="story-topbar-title" dir="auto">
          {title}
        </p>
      )}
      <span className="topbar-spacer" />
      {status}
      <CollapsingActions>
        {actions}
        <ShortcutsButton />
      </CollapsingActions>
    </header>
  );
}
