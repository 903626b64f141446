import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Person } from '../../../shared/model';
import { lede } from '../../api/client';
import { INTERFACE_DIR } from '../../ui/InterfaceText';
import { sameName, startsName } from './byline-edits';

interface BylineAddProps {
  /** Names already on the story, not offered again. */
  taken: string[];
  /**
   * The person at this workstation (the signed-in account's name, or the
   * local profile's), offered as "(you)" while it is not a byline yet: they
   * are never a "new person", even before the directory has them.
   */
  me?: string;
  onPick(choice: { person: Person } | { newName: string }): Promise<void>;
  dir: 'ltr' | 'rtl';
}

type Option = { kind: 'person'; person: Person } | { kind: 'me'; name: string } | { kind: 'new'; name: string };

/**
 * Adds a byline: a combobox over the people directory. Picking a known
 * person links the byline to them (and their bio); a name nobody has yet
 * becomes a new person in the directory.
 */
export function BylineAdd({ taken, me, onPick, dir }: BylineAddProps) {
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const text = query.trim();
    if (text === '') {
      setPeople([]);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      const result = await lede().invoke('people.search', { query: text, limit: 8 });
      if (current && result.ok) setPeople(result.value);
    }, 100);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const text = query.trim().replace(/\s+/g, ' ');
  const known = people.filter((person) => !taken.some((name) => sameName(name, person.name)));
  const exact = people.find((person) => sameName(person.name, text));
  const myself = me && !taken.some((name) => sameName(name, me)) ? me : undefined;
  // Already in the directory, you are listed as the person you are; otherwise offered as yourself.
  const meListed = myself !== undefined && known.some((person) => sameName(person.name, myself));
  const options: Option[] = [];
  if (myself && !meListed && startsName(myself, text)) options.push({ kind: 'me', name: myself });
  options.push(...known.map((person): Option => ({ kind: 'person', person })));
  const typedMe = myself !== undefined && sameName(text, myself) ? myself : undefined;
  if (text && !exact && !typedMe) options.push({ kind: 'new', name: text });
  const expanded = open && text !== '' && options.length > 0;

  const pick = async (option: Option) => {
    setBusy(true);
    setProblem(null);
    try {
      // "Me" goes through the directory like any name: found there, or entered once for everyone.
      await onPick(option.kind === 'person' ? { person: option.person } : { newName: option.name });
      setQuery('');
      setOpen(false);
      setActive(-1);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      // Back to the field for the next name, unless the person has moved on
      // meanwhile: the directory can answer after they started typing elsewhere.
      const focused = document.activeElement;
      if (!focused || focused === document.body || focused === inputRef.current) inputRef.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!text || busy) return;
      if (taken.some((name) => sameName(name, text)) && active < 0) {
        setProblem(`${text} is already a byline on this story.`);
        return;
      }
      // Enter without choosing takes the person of exactly that name, or a new one.
      const chosen: Option =
        options[active] ??
        (exact ? { kind: 'person', person: exact } : typedMe ? { kind: 'me', name: typedMe } : { kind: 'new', name: text });
      void pick(chosen);
    } else if (event.key === 'Escape' && expanded) {
      // Close the suggestions only; Escape must not leave anything else.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <div className="field byline-add">
      <label className="field-label field-label-small" htmlFor={`${listId}-input`}>
        Byline
      </label>
      <div className="combobox">
        <input
          id={`${listId}-input`}
          ref={inputRef}
          className="input"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={problem ? `${listId}-problem` : `${listId}-hint`}
          autoComplete="off"
          // Empty, it shows the interface's hint; a name typed is in the story's direction.
          dir={query === '' ? INTERFACE_DIR : dir}
          placeholder="Add a name…"
          value={query}
          readOnly={busy}
          aria-busy={busy || undefined}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(-1);
            setProblem(null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="People" className="combobox-list" hidden={!expanded}>
          {options.map((option, index) => (
            <li
              key={option.kind === 'person' ? option.person.id : option.kind}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="combobox-option"
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                void pick(option);
              }}
              onMouseEnter={() => setActive(index)}
            >
              {option.kind === 'person' ? (
                <>
                  <span className="combobox-name">{option.person.name}</span>
                  {me && sameName(option.person.name, me) && <span className="combobox-detail">You</span>}
                  {option.person.bio && <span className="combobox-detail">{option.person.bio}</span>}
                </>
              ) : option.kind === 'me' ? (
                <>
                  <span className="combobox-name">{option.name}</span>
                  <span className="combobox-detail">You</span>
                </>
              ) : (
                <span className="combobox-name">
                  Add “{option.name}” as a new person
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
      {problem ? (
        <p id={`${listId}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : (
        <p id={`${listId}-hint`} className="field-hint">
          Type a name; people already in the directory are suggested.
        </p>
      )}
    </div>
  );
}
