import { useEffect } from 'react';
import { KEEP_WHOLE } from '../ui/CollapsingActions';
import { useSync } from './sync-state';

const EMPTY: never[] = [];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toLocaleUpperCase())
    .join('');
}

/** Who else has this story open right now, on other computers: initials in their colour, names on hover and for screen readers. */
export function PresenceList({ id }: { id: string }) {
  const people = useSync((s) => s.presence[id] ?? EMPTY);
  const loadPresence = useSync((s) => s.loadPresence);
  useEffect(() => {
    void loadPresence(id);
  }, [id, loadPresence]);
  if (people.length === 0) return null;
  const names = people.map((person) => person.name).join(', ');
  return (
    <div {...KEEP_WHOLE} className="presence" role="group" aria-label={`Also editing: ${names}`}>
      <span className="presence-label" aria-hidden="true">
        Also here
      </span>
      <ul className="presence-list">
        {people.slice(0, 5).map((person) => (
          <li key={`${person.name}-${person.color}`} className="presence-person" title={person.name}>
            <span className="presence-avatar" style={{ background: person.color }} aria-hidden="true">
              {initials(person.name)}
            </span>
            <span className="visually-hidden">{person.name}</span>
          </li>
        ))}
        {people.length > 5 && <li className="presence-more">+{people.length - 5}</li>}
      </ul>
      {people.length === 1 && (
        <span className="presence-name" aria-hidden="true">
          {people[0]!.name}
        </span>
      )}
    </div>
  );
}
