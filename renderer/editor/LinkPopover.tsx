import type { Editor } from '@tiptap/core';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { normaliseLinkInput } from '../../shared/links';

export interface LinkPopoverProps {
  editor: Editor;
  /** Closes the panel; focus goes back to the story. */
  onClose(): void;
}

const REFUSED = 'Only web (http, https), email (mailto:) and phone (tel:) links can be added.';

/** The small panel behind Link / Mod-k: add, change or remove the link at the selection. */
export function LinkPopover({ editor, onClose }: LinkPopoverProps) {
  const id = useId();
  const existing = (editor.getAttributes('link').href as string | undefined) ?? '';
  // With nothing selected the link needs words to sit on; without them the address is shown.
  const needsText = editor.state.selection.empty && !existing;
  const [value, setValue] = useState(existing);
  const [linkText, setLinkText] = useState('');
  const [error, setError] = useState('');

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') {
      setError('Type the address the link goes to.');
      return;
    }
    const href = normaliseLinkInput(value);
    if (!href) {
      setError(REFUSED);
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (needsText) {
      // Typing after the new link is plain text again (links are inclusive while autolink is on).
      const text = linkText.trim() || href;
      chain.insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).unsetMark('link').run();
    } else {
      chain.setLink({ href }).run();
    }
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };

  return (
    <div className="editor-popover link-popover" role="dialog" aria-label="Link" onKeyDown={onKeyDown}>
      <form onSubmit={apply} noValidate>
        <div className="form-row">
          <label htmlFor={`${id}-href`}>Link address</label>
          <input
            id={`${id}-href`}
            type="url"
            inputMode="url"
            autoFocus
            value={value}
            placeholder="https://"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setValue(event.target.value);
              setError('');
            }}
          />
          {error ? (
            <span id={`${id}-error`} className="form-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
        {needsText ? (
          <div className="form-row">
            <label htmlFor={`${id}-text`}>Link text (optional)</label>
            <input id={`${id}-text`} type="text" value={linkText} onChange={(event) => setLinkText(event.target.value)} />
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {existing ? 'Update link' : 'Add link'}
          </button>
          {existing ? (
            <button type="button" onClick={remove}>
              Remove link
            </button>
          ) : null}
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
