import { useEffect, useId, useRef, useState } from 'react';
import { MEDIA_FIELD_SPECS, isListField, utf8Bytes, type MediaField } from '../../shared/media-fields';
import { expandCodes, splitList, type CodeReplacement } from '../../shared/photo-templates';

interface MediaFieldInputProps {
  field: MediaField;
  /** The value all selected photos share, or null when they differ. */
  value: string | null;
  codes: readonly CodeReplacement[];
  readOnly?: boolean;
  /** Called when the person leaves a field they changed: only touched fields are ever written. */
  onCommit(field: MediaField, value: string): void;
}

/**
 * One labelled metadata field of the photo desk. Lists (creators, keywords,
 * persons shown) are typed comma-separated. Codes like `=afp=` expand as you
 * type. Under the field: its size in UTF-8 bytes against the IPTC IIM limit,
 * so a credit that would not fit is seen now, not after export.
 */
export function MediaFieldInput({ field, value, codes, readOnly, onCommit }: MediaFieldInputProps) {
  const id = useId();
  const spec = MEDIA_FIELD_SPECS[field];
  const [draft, setDraft] = useState(value ?? '');
  const [touched, setTouched] = useState(false);
  const pendingCaret = useRef<number | null>(null);
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const latest = useRef({ draft, touched, onCommit });
  latest.current = { draft, touched, onCommit };

  // A value that changed in core (a colleague, a template) shows, unless the person is changing it right now.
  useEffect(() => {
    if (!latest.current.touched) setDraft(value ?? '');
  }, [value]);

  // The editor is replaced when the selection changes: a change not yet committed is committed then, to the photos it was typed for.
  useEffect(
    () => () => {
      if (latest.current.touched) latest.current.onCommit(field, latest.current.draft);
    },
    [field],
  );

  useEffect(() => {
    if (pendingCaret.current !== null && inputRef.current) {
      inputRef.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  });

  const mixed = value === null && !touched;
  const items = isListField(field) ? splitList(draft) : [draft];
  const limit = spec.iimBytes;
  const sizes = items.map((item) => utf8Bytes(item));
  const over = limit !== null && sizes.some((size) => size > limit);
  const hintId = `${id}-hint`;
  const hint =
    limit === null
      ? isListField(field)
        ? 'Separate with commas.'
        : null
      : isListField(field)
        ? `Up to ${limit} bytes each${over ? ` — “${items[sizes.findIndex((s) => s > limit)]}” is ${Math.max(...sizes)}` : ''}. Separate with commas.`
        : `${sizes[0]} / ${limit} bytes`;

  const commit = () => {
    if (!touched || readOnly) return;
    onCommit(field, draft);
    setTouched(false);
  };

  const common = {
    id,
    ref: inputRef,
    className: ['input', 'media-field-input', over ? 'is-over' : '', touched ? 'is-touched' : ''].filter(Boolean).join(' '),
    value: draft,
    placeholder: mixed ? 'Mixed values — type to set all' : '',
    readOnly,
    spellCheck: field !== 'countryCode' && field !== 'jobId',
    'aria-describedby': hint ? hintId : undefined,
    'aria-invalid': over || undefined,
    onChange: (event: { target: { value: string; selectionStart: number | null } }) => {
      const caret = event.target.selectionStart ?? event.target.value.length;
      const expanded = expandCodes(event.target.value, caret, codes);
      if (expanded.text !== event.target.value) pendingCaret.current = expanded.caret;
      setDraft(expanded.text);
      setTouched(true);
    },
    onBlur: commit,
  };

  return (
    <div className={['field', 'media-field', mixed ? 'is-mixed' : ''].filter(Boolean).join(' ')} data-field={field}>
      <label className="field-label" htmlFor={id}>
        {spec.label}
      </label>
      {spec.multiline ? (
        <textarea {...common} rows={field === 'caption' ? 4 : 2} />
      ) : (
        <input
          {...common}
          type="text"
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
          }}
        />
      )}
      {hint && (
        <span id={hintId} className={over ? 'field-error' : 'field-hint'}>
          {hint}
        </span>
      )}
    </div>
  );
}
