import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** Called on Escape, on the close button and (with dismissOnBackdrop) on a click beside the dialog. */
  onClose(): void;
  children?: ReactNode;
  /** alertdialog for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  description?: string;
  /** Footer buttons; rendered after the body. */
  actions?: ReactNode;
  /** Off for forms: a stray click beside the dialog must not throw away what was typed. */
  dismissOnBackdrop?: boolean;
}

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest
 * of the page inert (that is the focus trap) and puts the dialog in the top
 * layer; Escape arrives as a 'cancel' event that we hand to the owner, so
 * React state decides whether it closes. Focus goes back to where it was.
 */
export function Dialog({ title, onClose, children, role = 'dialog', className, description, actions, dismissOnBackdrop }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first field; a form that knows better (the address is filled in, the token is next) marks its choice.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // The element that opened the dialog may be gone (a deleted row); then focus stays on the page.
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={`dialog ${className ?? ''}`.trim()}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> itself, outside its box.
        if (!dismissOnBackdrop || event.target !== ref.current) return;
        const box = ref.current.getBoundingClientRect();
        const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
        if (!inside) onCloseRef.current();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button type="button" className="icon-button dialog-close" aria-label="Close" onClick={() => onCloseRef.current()}>
          ×
        </button>
      </div>
      {description && (
        <p id={descriptionId} className="dialog-description">
          {description}
        </p>
      )}
      {children && <div className="dialog-body">{children}</div>}
      {actions && <div className="dialog-actions">{actions}</div>}
    </dialog>
  );
}
