import type { TextPart } from '../../../shared/revisions/sequence-diff';

/** Words kept, added (<ins>) and removed (<del>) — elements screen readers announce as such. */
export function TextChanges({ parts }: { parts: TextPart[] }) {
  if (parts.length === 0) return <span className="muted">(empty)</span>;
  return (
    <span className="diff-text" dir="auto">
      {parts.map((part, index) =>
        part.op === 'insert' ? (
          <ins key={index} className="diff-insert">
            {part.text}
          </ins>
        ) : part.op === 'delete' ? (
          <del key={index} className="diff-delete">
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </span>
  );
}
