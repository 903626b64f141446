import { useState } from 'react';
import { LockedNote } from './LockedNote';

interface SectionsEditorProps {
  sections: string[];
  onChange(sections: string[]): void;
  error?: string;
  /** Set by the newsroom's policy: shown, not changeable. */
  locked?: boolean;
}

const MAX_SECTION = 60;

/** The newsroom's sections, in the order the Section menu shows them. */
export function SectionsEditor({ sections, onChange, error, locked = false }: SectionsEditorProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const name = draft.trim().replace(/\s+/g, ' ');
    if (name === '') return setProblem('Type a section name first.');
    if (name.length > MAX_SECTION) return setProblem(`A section name has at most ${MAX_SECTION} characters.`);
    if (sections.some((s) => s.toLocaleLowerCase() === name.toLocaleLowerCase())) return setProblem(`“${name}” is already a section.`);
    setProblem(null);
    setDraft('');
    onChange([...sections, name]);
  };

  const move = (index: number, by: number) => {
    const next = [...sections];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };

  return (
    // A disabled fieldset disables every control in it, so nothing here can change a locked list.
    <fieldset className="settings-group" disabled={locked} aria-describedby={locked ? 'settings-sections-locked' : undefined}>
      <legend className="settings-legend">Sections</legend>
      {locked && <LockedNote id="settings-sections-locked" />}
      <ol className="sections-list">
        {sections.map((section, index) => (
          <li key={section} className="sections-item">
            <span className="sections-name">{section}</span>
            {!locked && (
              <>
                <button type="button" className="icon-button" aria-label={`Move ${section} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${section} down`}
                  disabled={index === sections.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button type="button" className="icon-button" aria-label={`Remove ${section}`} onClick={() => onChange(sections.filter((_, i) => i !== index))}>
                  ×
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
      {!locked && (
        <div className="field">
          <label className="field-label field-label-small" htmlFor="settings-new-section">
            New section
          </label>
          <div className="input-row">
            <input
              id="settings-new-section"
              className="input"
              value={draft}
              maxLength={MAX_SECTION}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'settings-new-section-error' : undefined}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="button" onClick={add}>
              Add section
            </button>
          </div>
          {problem && (
            <p id="settings-new-section-error" className="field-error">
              {problem}
            </p>
          )}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
