import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isWebUrl } from '../../shared/html-clean/lede-blocks';
import { formatDuration, parseDuration } from '../../shared/video-duration';

export interface VideoEmbedAttrs {
  title: string;
  /** Seconds, or null when unknown. */
  duration: number | null;
  poster: string | null;
  source: string;
}

export interface VideoEmbedFormProps {
  initial?: VideoEmbedAttrs;
  /** "Insert video" or "Save video". */
  submitLabel: string;
  onSubmit(attrs: VideoEmbedAttrs): void;
  onCancel(): void;
}

type FieldName = 'title' | 'duration' | 'source' | 'poster';
type Errors = Partial<Record<FieldName, string>>;

function validate(values: Record<FieldName, string>): { attrs: VideoEmbedAttrs | null; errors: Errors } {
  const errors: Errors = {};
  if (values.title.trim() === '') errors.title = 'Give the video a title.';
  const duration = parseDuration(values.duration);
  if (duration !== null && Number.isNaN(duration)) errors.duration = 'Write the duration as minutes:seconds, e.g. 04:44.';
  if (!isWebUrl(values.source)) errors.source = 'The source must be a web address starting with http:// or https://.';
  if (values.poster.trim() !== '' && !isWebUrl(values.poster)) errors.poster = 'The poster must be a web address starting with http:// or https://.';
  if (Object.keys(errors).length > 0) return { attrs: null, errors };
  return {
    attrs: { title: values.title.trim(), duration, source: values.source.trim(), poster: values.poster.trim() || null },
    errors,
  };
}

/**
 * Hints, never samples: a placeholder that looks like a value ("04:44",
 * "https://", a real headline) reads as already filled in, and a person
 * skips the field. Each says what to put there, in words.
 */
export const PLACEHOLDERS: Record<FieldName, string> = {
  title: 'Name the video as readers will see it',
  duration: 'Minutes and seconds',
  source: 'Paste the video’s address',
  poster: 'Paste the poster image’s address',
};

/** The small form behind "Video" in the toolbar and "Edit video" on a video card. */
export function VideoEmbedForm({ initial, submitLabel, onSubmit, onCancel }: VideoEmbedFormProps) {
  const id = useId();
  const [values, setValues] = useState<Record<FieldName, string>>({
    title: initial?.title ?? '',
    duration: formatDuration(initial?.duration),
    source: initial?.source ?? '',
    poster: initial?.poster ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(values);
    setErrors(result.errors);
    if (result.attrs) onSubmit(result.attrs);
    else document.getElementById(`${id}-${Object.keys(result.errors)[0]}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };

  const field = (name: FieldName, label: string, props: { placeholder?: string; type?: string; inputMode?: 'numeric' | 'url' }) => (
    <div className="form-row">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={values[name]}
        placeholder={props.placeholder}
        autoFocus={name === 'title'}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
        onChange={(event) => setValues((previous) => ({ ...previous, [name]: event.target.value }))}
      />
      {errors[name] ? (
        <span id={`${id}-${name}-error`} className="form-error" role="alert">
          {errors[name]}
        </span>
      ) : null}
    </div>
  );

  return (
    <form className="video-form" aria-label="Video" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      {field('title', 'Video title', { placeholder: PLACEHOLDERS.title })}
      {field('duration', 'Duration (mm:ss)', { placeholder: PLACEHOLDERS.duration, inputMode: 'numeric' })}
      {field('source', 'Source URL', { placeholder: PLACEHOLDERS.source, type: 'url', inputMode: 'url' })}
      {field('poster', 'Poster image URL (optional)', { placeholder: PLACEHOLDERS.poster, type: 'url', inputMode: 'url' })}
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
