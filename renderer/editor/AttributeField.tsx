import { useEffect, useId, useState } from 'react';
import { InterfaceText } from '../ui/InterfaceText';

export interface AttributeFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  readOnly?: boolean;
  /** Shown under the field (and read out with it), e.g. "Alt text is missing". */
  hint?: string;
  className?: string;
}

/**
 * A labelled input for one attribute of a block (attribution, credit, alt
 * text, factbox title). It keeps its own draft so typing never waits for the
 * editor to hand the value back, and takes a colleague's change when one arrives.
 */
export function AttributeField({ label, value, onChange, placeholder, readOnly, hint, className }: AttributeFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <div className={['node-field', className].filter(Boolean).join(' ')}>
      <label className="node-field-label" htmlFor={id}>
        <InterfaceText>{label}</InterfaceText>
      </label>
      <input
        id={id}
        className="node-field-input"
        type="text"
        value={draft}
        placeholder={placeholder}
        readOnly={readOnly}
        spellCheck
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          onChange(event.target.value);
        }}
      />
      {hint ? (
        <span id={hintId} className="node-field-hint">
          <InterfaceText>{hint}</InterfaceText>
        </span>
      ) : null}
    </div>
  );
}
