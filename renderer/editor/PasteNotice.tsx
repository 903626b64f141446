/**
 * What a paste did that the body does not show: the fields it filled, the
 * ones it left as typed, the pictures and videos it could not keep (ADR 0066).
 * Stays until dismissed — it lists things the person may want to fetch.
 */
export function PasteNotice({ lines, onDismiss }: { lines: string[]; onDismiss(): void }) {
  return (
    <div className="paste-notice" role="status" aria-label="What the paste did">
      <div className="paste-notice-lines">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
