import { useId, useState } from 'react';
import type { LanguageOption } from '../../shared/config';
import { canonicalLanguageTag, languageDirection } from '../../shared/language';

interface LanguagePickerProps {
  /** Visible label and accessible name of the select. */
  label: string;
  value: string;
  languages: LanguageOption[];
  onChange(tag: string): void;
  disabled?: boolean;
}

const OTHER = '__other__';

/**
 * A language from the newsroom's list, or any other BCP 47 tag typed in and
 * checked. Says which way the language is written, because that changes how
 * the whole story is edited.
 */
export function LanguagePicker({ label, value, languages, onChange, disabled }: LanguagePickerProps) {
  const selectId = useId();
  const otherId = useId();
  const errorId = useId();
  const [otherOpen, setOtherOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const known = languages.some((language) => language.tag === value);
  const options = known || !value ? languages : [...languages, { tag: value, label: value, dir: languageDirection(value) }];
  const direction = languageDirection(value || 'en');

  const applyOther = () => {
    const tag = canonicalLanguageTag(draft);
    if (!tag || !/^[a-z]{2,3}(-|$)/i.test(tag)) {
      setError(`“${draft.trim()}” is not a language tag. Use BCP 47, such as “en”, “pt-BR” or “sr-Latn”.`);
      return;
    }
    setError(null);
    setOtherOpen(false);
    setDraft('');
    onChange(tag);
  };

  return (
    <div className="field language-field">
      <label className="field-label" htmlFor={selectId}>
        {label}
      </label>
      <select
        id={selectId}
        className="select"
        value={otherOpen ? OTHER : value}
        disabled={disabled}
        onChange={(event) => {
          if (event.target.value === OTHER) {
            setOtherOpen(true);
            return;
          }
          setOtherOpen(false);
          setError(null);
          onChange(event.target.value);
        }}
      >
        {options.map((language) => (
          <option key={language.tag} value={language.tag}>
            {language.label} ({language.tag})
          </option>
        ))}
        <option value={OTHER}>Other language…</option>
      </select>
      {otherOpen && (
        <div className="language-other">
          <label className="field-label field-label-small" htmlFor={otherId}>
            Other tag (BCP 47)
          </label>
          <div className="input-row">
            <input
              id={otherId}
              className="input"
              value={draft}
              autoFocus
              placeholder="e.g. pt-BR"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  applyOther();
                }
              }}
            />
            <button type="button" className="button" onClick={applyOther}>
              Use
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setOtherOpen(false);
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
          {error && (
            <p id={errorId} role="alert" className="field-error">
              {error}
            </p>
          )}
        </div>
      )}
      <p className="field-hint">
        Written {direction === 'rtl' ? 'right-to-left' : 'left-to-right'}
      </p>
    </div>
  );
}
