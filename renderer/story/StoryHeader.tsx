import type { ReactNode } from 'react';

interface StoryHeaderProps {
  onBack(): void;
  title?: string;
  /** The save state and the story's actions, once it is open. */
  children?: ReactNode;
}

/** The story screen's top bar: the way back, what this story is, whether it is saved, and its actions. */
export function StoryHeader({ onBack, title, children }: StoryHeaderProps) {
  return (
    <header className="topbar story-topbar">
      <button type="button" className="button button-quiet back-button" onClick={onBack} title="Back to the library (Alt+←)" aria-keyshortcuts="Alt+ArrowLeft">
        <span aria-hidden="true">←</span> Library
      </button>
      {title !== undefined && (
        <p className="story-topbar-title" dir="auto">
          {title}
        </p>
      )}
      <span className="topbar-spacer" />
      {children}
    </header>
  );
}
