/** Beside a setting the newsroom's policy file sets: why its controls cannot be used. */
export function LockedNote({ id }: { id: string }) {
  return (
    <p id={id} className="locked-note">
      <span aria-hidden="true" className="locked-note-icon">
        🔒
      </span>{' '}
      Set by your newsroom
    </p>
  );
}
