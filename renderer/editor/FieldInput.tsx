import { useCallback, useEffect, useId, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
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
export function FieldInput({ label, text, limit, multiline, dir, lang, placeholder, readOnly, variant, typographicQuotes = false }: FieldInputProps) {
  const id = useId();
  const countId = `${id}-count`;
  const messageId = `${id}-message`;
  const areaRef = useRef<HTMLTextAreaElement>(null);
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
    <div className={`field-input field-level-${level}`} data-field={variant ?? label.toLowerCase()}>
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
        aria-describedby={`${countId} ${messageId}`}
        aria-invalid={level === 'error' ? true : undefined}
      />
      <p id={messageId} className="field-input-message" role="status" aria-live="polite">
        {check?.message ? <InterfaceText>{check.message}</InterfaceText> : null}
      </p>
    </div>
  );
}
