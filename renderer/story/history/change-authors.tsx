/**
 * Who made a change in a comparison (ADR 0073), and the "Changes by" choice
 * that narrows the comparison to one person's changes.
 */

/** A change no version holds yet: made since the latest version, or on a laptop whose versions have not arrived. */
export const NOT_IN_A_VERSION = 'Not in a version yet';

/** "Everyone", a person's name, or the changes no version names yet. */
export type ChangesByChoice = { kind: 'everyone' } | { kind: 'person'; name: string } | { kind: 'unnamed' };

export const EVERYONE: ChangesByChoice = { kind: 'everyone' };

/** Whether a change made by `by` is shown when the comparison is narrowed to `choice`. */
export function showsChange(choice: ChangesByChoice, by: string | null): boolean {
  if (choice.kind === 'everyone') return true;
  if (choice.kind === 'unnamed') return by === null;
  return by === choice.name;
}

/** The name under a change: its author, or that no version holds it yet. */
export function ChangeAuthor({ by }: { by: string | null }) {
  return (
    <span className={by === null ? 'diff-by diff-by-unnamed' : 'diff-by'}>
      <span className="visually-hidden">by </span>
      {by ?? NOT_IN_A_VERSION}
    </span>
  );
}
