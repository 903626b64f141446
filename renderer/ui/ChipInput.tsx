import { useId, useState, type KeyboardEvent } from 'react';

interface ChipInputProps {
  /** Visible label and the input's accessible name. */
  label: string;
  items: string[];
  onAdd(value: string): void;
  onRemove(index: number): void;
  placeholder?: string;
  hint?: string;
  /** Offered by the browser as the person types (a datalist). */
  suggestions?: string[];
  readOnly?: boolean;
  dir?: 'ltr' | 'rtl';
}

/**
 * A list of short values as chips, with an input that adds on Enter or comma.
 * Pasting "Reuters, AP, AFP" adds three. Duplicates (ignoring case) are not added twice.
 */
export function ChipInput({ label, items, onAdd, onRemove, placeholder, hint, suggestions, readOnly, dir }: ChipInputProps) {
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const hintId = useId();
  const listId = useId();

  const commit = (raw: string) => {
    const known = new Set(items.map((item) => item.toLocaleLowerCase()));
    for (const part of raw.split(',')) {
      const value = part.trim().replace(/\s+/g, ' ');
      if (value === '' || known.has(value.toLocaleLowerCase())) continue;
      known.add(value.toLocaleLowerCase());
      onAdd(value);
    }
    setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (readOnly) return;
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit(draft);
    } else if (event.key === 'Backspace' && draft === '' && items.length > 0) {
      // Backspace in an empty input takes back the last chip, as in mail clients.
      event.preventDefault();
      onRemove(items.length - 1);
    }
  };

  return (
    <div className="field chip-field">
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      {items.length > 0 && (
        <ul className="chips">
          {items.map((item, index) => (
            <li key={`${item}-${index}`} className="chip">
              <span className="chip-text" dir="auto">
                {item}
              </span>
              {!readOnly && (
                <button type="button" className="chip-remove" aria-label={`Remove ${item}`} onClick={() => onRemove(index)}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        readOnly={readOnly}
        className="input"
        value={draft}
        dir={dir}
        placeholder={readOnly ? undefined : placeholder}
        aria-describedby={hint ? hintId : undefined}
        list={suggestions ? listId : undefined}
        onChange={(event) => {
          const value = event.target.value;
          // A pasted list arrives in one change event.
          if (value.includes(',')) commit(value);
          else setDraft(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft.trim()) commit(draft);
        }}
      />
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
