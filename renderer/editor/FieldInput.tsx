import { useCallback, useEffect, useId, useMemo, useRef, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import type { FieldLimit } from '../../shared/config';
import { checkLimit } from '../../shared/limits';
import { countCharacters } from '../../shared/text-stats';
import { typographicQuote } from '../../shared/typography';
import { bindInputToText } from './text-binding';
import { InterfaceText } from '../ui/InterfaceText';
import './field-input.css';

export interface FieldInputProps {
  /** Visible label and accessible name, exactly as given ("Headline"). */
  label: string;
  text: Y.Text;
  limit?: FieldLimit;
  /**
   * A taller box for longer text (teaser). Every field is an auto-growing
   * textarea so a long headline wraps instead of scrolling out of sight, but
   * none takes line breaks: the text is always one paragraph.
   */
  multiline?: boolean;
  dir: 'ltr' | 'rtl';
  lang: string;
  placeholder?: string;
  readOnly?: boolean;
  /** Look of the field; defaults to the label in lower case ("headline", "kicker", "teaser"). */
  variant?: string;
  /** Typed " and ' become `lang`'s quotation marks (Settings › Editing), as in the body. */
  typographicQuotes?: boolean;
  /**
   * "Suggest changes" is on: the box edits the person's suggested
   * replacement (starting from `initial`), never the field itself; each
   * change is handed to `onChange` (ADR 0072).
   */
  suggest?: { initial: string; onChange(text: string): void } | null;
}

/** The text a suggesting person edits: its own little document, so typing works as in the field (quotes, undo, one line). */
function scratchText(initial: string): Y.Text {
  const text = new Y.Doc().getText('suggestion');
  text.insert(0, initial);
  return text;
}

/** The field's plain text, re-read whenever anyone changes it. */
function useSharedText(text: Y.Text): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      text.observe(onChange);
      return () => text.unobserve(onChange);
    },
    [text],
  );
  return useSyncExternalStore(subscribe, () => text.toString());
}

function growToContent(element: HTMLElement): void {
  element.style.height = 'auto';
  element.style.height = `${element.scrollHeight}px`;
}

/**
 * A story field bound to shared text (headline, kicker, teaser): two people
 * can type in it at once and both edits survive. Shows a live count against
 * the field's limit, which turns to a warning and then an error.
 */
export function FieldInput({ label, text: fieldText, limit, multiline, dir, lang, placeholder, readOnly, variant, typographicQuotes = false, suggest }: FieldInputProps) {
  const id = useId();
  const countId = `${id}-count`;
  const messageId = `${id}-message`;
  const hintId = `${id}-suggesting`;
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const suggesting = Boolean(suggest) && !readOnly;
  const suggestRef = useRef(suggest);
  suggestRef.current = suggest;
  // Made when suggesting starts, from the person's own suggestion or the field as it is then.
  const scratch = useMemo(() => (suggesting ? scratchText(suggestRef.current!.initial) : null), [fieldText, suggesting]);
  const text = scratch ?? fieldText;
  useEffect(() => {
    if (!scratch) return undefined;
    const changed = () => suggestRef.current?.onChange(scratch.toString());
    scratch.observe(changed);
    return () => {
      scratch.unobserve(changed);
      scratch.doc?.destroy();
    };
  }, [scratch]);
  const value = useSharedText(text);
  const typing = useRef({ lang, typographicQuotes });
  typing.current = { lang, typographicQuotes };

  useEffect(() => {
    const element = areaRef.current;
    if (!element) return undefined;
    // One origin per binding: its undo history holds this field's own edits and no one else's.
    const origin = { field: label };
    const grow = () => growToContent(element);
    const dispose = bindInputToText(element, text, origin, {
      onRender: grow,
      typeQuote: (typed, before) => (typing.current.typographicQuotes ? typographicQuote(typed, before, typing.current.lang) : null),
    });
    grow();
    element.addEventListener('input', grow);
    // Rewrapping follows the width: a narrower window makes a long headline taller.
    let width = element.clientWidth;
    const resize =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            if (element.clientWidth === width) return;
            width = element.clientWidth;
            grow();
          })
        : null;
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      element.removeEventListener('input', grow);
      dispose();
    };
    // The label only names the origin; rebinding on a label change would drop the undo history.
  }, [text]);

  const check = limit ? checkLimit(label, value, limit) : null;
  const level = check?.level ?? 'ok';
  const count = check?.count ?? countCharacters(value);

  return (
    <div className={`field-input field-level-${level}${suggesting ? ' field-input-suggesting' : ''}`} data-field={variant ?? label.toLowerCase()}>
      <div className="field-input-header">
        <label className="field-input-label" htmlFor={id}>
          <InterfaceText>{label}</InterfaceText>
        </label>
        <InterfaceText id={countId} className="field-input-count">
          {limit ? `${count} / ${limit.error}` : `${count}`}
        </InterfaceText>
      </div>
      <textarea
        ref={areaRef}
        id={id}
        className="field-input-control"
        rows={multiline ? 2 : 1}
        dir={dir}
        lang={lang}
        placeholder={placeholder}
        readOnly={readOnly}
        spellCheck
        aria-multiline={multiline ? undefined : false}
        aria-describedby={suggesting ? `${hintId} ${countId} ${messageId}` : `${countId} ${messageId}`}
        aria-invalid={level === 'error' ? true : undefined}
      />
      {suggesting && (
        <p id={hintId} className="field-input-suggesting-hint">
          <InterfaceText>Suggesting: what you type here is offered as a replacement, below, not written into the {label.toLowerCase()}.</InterfaceText>
        </p>
      )}
      <p id={messageId} className="field-input-message" role="status" aria-live="polite">
        {check?.message ? <InterfaceText>{check.message}</InterfaceText> : null}
      </p>
    </div>
  );
}
