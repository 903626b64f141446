import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_COMMENT_CHARS, mentionedPeople } from '../../../shared/review/comments';
import { lede } from '../../api/client';

/** The "@na" being typed just before the caret, if any: what the mention list searches for. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)@([\p{L}\p{N}][\p{L}\p{N}' .-]{0,40})?$/u.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

export interface CommentBoxProps {
  /** The field's visible label and accessible name ("Comment", "Reply"). */
  label: string;
  /** The button that sends it ("Post", "Reply"). */
  submitLabel: string;
  onSubmit(text: string, mentions: string[]): void;
  onCancel?(): void;
  autoFocus?: boolean;
}

/**
 * A comment or reply field with @mentions of people in the directory: typing
 * "@" and a few letters lists matching people (arrows and Enter, or a
 * click, pick one); the message records whom it mentions.
 */
export function CommentBox({ label, submitLabel, onSubmit, onCancel, autoFocus = false }: CommentBoxProps) {
  const id = useId();
  const listId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [caret, setCaret] = useState(0);
  const [people, setPeople] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const picked = useRef(new Set<string>());
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const mention = mentionQuery(text, caret);

  useEffect(() => {
    if (!mention) {
      setPeople([]);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      const result = await lede().invoke('people.search', { query: mention.query, limit: 6 });
      if (current && result.ok) {
        setPeople(result.value.map((person) => person.name));
        setActive(0);
      }
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [mention?.query, mention === null]);

  const listed = mention && people.length > 0;

  const pick = (name: string) => {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(caret)}`;
    picked.current.add(name);
    setText(next);
    setPeople([]);
    const at = mention.start + name.length + 2;
    setCaret(at);
    requestAnimationFrame(() => fieldRef.current?.setSelectionRange(at, at));
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      setError('Write something to post.');
      return;
    }
    if (trimmed.length > MAX_COMMENT_CHARS) {
      setError(`A comment can be at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters.`);
      return;
    }
    onSubmit(trimmed, mentionedPeople(trimmed, [...picked.current]));
    setText('');
    setError('');
    picked.current.clear();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (listed && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
    } else if (listed && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      pick(people[active]!);
    } else if (event.key === 'Escape') {
      if (listed) setPeople([]);
      else onCancel?.();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      submit();
    }
  };

  return (
    <form className="comment-box" onSubmit={submit}>
      <label htmlFor={id} className="comment-box-label">
        {label}
      </label>
      <textarea
        id={id}
        ref={fieldRef}
        className="input comment-box-field"
        rows={2}
        value={text}
        autoFocus={autoFocus}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={Boolean(listed)}
        aria-controls={listId}
        aria-activedescendant={listed ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        placeholder="Type @ to mention someone"
        onChange={(event) => {
          setText(event.target.value);
          setCaret(event.target.selectionStart);
          setError('');
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {listed && (
        <ul id={listId} role="listbox" aria-label="People to mention" className="comment-mentions">
          {people.map((name, index) => (
            <li
              key={name}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'comment-mention active' : 'comment-mention'}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(name);
              }}
            >
              {name}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-box-actions">
        <button type="submit" className="button button-small button-primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-small button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
