import type { InputHTMLAttributes, ReactNode, Ref } from 'react';

/**
 * The filter bar above the library list and the photo grid: a search box and
 * choices that apply as they change, one labelled field each.
 */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <div className="library-filters" role="search">
      {children}
    </div>
  );
}

type SearchInputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'className' | 'value' | 'onChange'>;

interface FilterSearchProps extends SearchInputAttributes {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  inputRef?: Ref<HTMLInputElement>;
}

export function FilterSearch({ id, label, value, onChange, inputRef, ...input }: FilterSearchProps) {
  return (
    <div className="field field-inline search-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input {...input} id={id} ref={inputRef} type="search" className="input" value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

interface FilterSelectProps<Value extends string> {
  id: string;
  label: string;
  value: Value;
  /** Value and label of each choice, in the order shown. */
  options: ReadonlyArray<readonly [Value, string]>;
  onChange(value: Value): void;
}

export function FilterSelect<Value extends string>({ id, label, value, options, onChange }: FilterSelectProps<Value>) {
  return (
    <div className="field field-inline">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value as Value)}>
        {options.map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The choices of a select from a record of labels, in the record's order. */
export function labelledChoices<Value extends string>(labels: Record<Value, string>): Array<readonly [Value, string]> {
  return (Object.keys(labels) as Value[]).map((value) => [value, labels[value]] as const);
}
