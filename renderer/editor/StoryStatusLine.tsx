import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import type { TextStats } from '../../shared/text-stats';
import { INTERFACE_DIR } from '../ui/InterfaceText';
import { formatStats, watchStoryStats } from './story-stats';

export interface StoryStatusLineProps {
  editor: Editor;
  onStats?(stats: TextStats): void;
}

/** Length of the story under the editor. Holds its own state, so a new count re-renders only this line. */
export function StoryStatusLine({ editor, onStats }: StoryStatusLineProps) {
  const [stats, setStats] = useState<TextStats>({ words: 0, characters: 0, readingMinutes: 0 });
  const onStatsRef = useRef(onStats);
  onStatsRef.current = onStats;

  useEffect(
    () =>
      watchStoryStats(editor, (next) => {
        setStats((previous) =>
          previous.words === next.words && previous.characters === next.characters && previous.readingMinutes === next.readingMinutes ? previous : next,
        );
        onStatsRef.current?.(next);
      }),
    [editor],
  );

  // Not a live region: a count changing with every pause in typing would be read out constantly.
  return (
    <p className="story-status" role="status" aria-live="off" aria-label="Story length" dir={INTERFACE_DIR}>
      {formatStats(stats)}
    </p>
  );
}
