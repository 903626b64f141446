/** Beside a setting the newsroom's policy file sets: why its controls cannot be used. */
export function LockedNote({ id }: { id: string }) {
  return (
    <p id={id} className="locked-note">
      {/* Drawn, not an emoji: newsroom machines do not all have an emoji font. */}
      <svg className="locked-note-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z"
        />
      </svg>
      Set by your newsroom
    </p>
  );
}
