import type { ReactNode } from 'react';

/**
 * The direction Lede's own words are written in. The interface is English, so
 * left to right, whatever the story's language; when the interface is
 * translated, this follows its language (one place to change).
 */
export const INTERFACE_DIR = 'ltr';

/**
 * Interface words or numbers inside a story's own direction (an Arabic
 * story's column): an isolated left-to-right island, so "4 / 40" does not
 * read "40 / 4" and a full stop stays at the end of "Alt text is missing."
 * The block around it keeps the story's alignment. For whole interface areas
 * (the toolbar, the length line) set `dir={INTERFACE_DIR}` on the container.
 */
export function InterfaceText({ children, className, id }: { children: ReactNode; className?: string; id?: string }) {
  return (
    <span dir={INTERFACE_DIR} className={className} id={id}>
      {children}
    </span>
  );
}
