import { useId } from 'react';
import type * as Y from 'yjs';
import { useYMapValue } from '../use-y';

interface MetaTextFieldProps {
  label: string;
  meta: Y.Map<string | null>;
  metaKey: 'dateline';
  placeholder?: string;
  hint?: string;
  dir: 'ltr' | 'rtl';
  lang: string;
  readOnly?: boolean;
}

/** A single value of the story's meta (the last writer wins), edited as plain text. */
export function MetaTextField({ label, meta, metaKey, placeholder, hint, dir, lang, readOnly }: MetaTextFieldProps) {
  const value = useYMapValue(meta, metaKey) ?? '';
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        className="input"
        value={value}
        dir={dir}
        lang={lang}
        readOnly={readOnly}
        maxLength={200}
        placeholder={placeholder}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => {
          const next = event.target.value;
          meta.doc?.transact(() => meta.set(metaKey, next));
        }}
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
