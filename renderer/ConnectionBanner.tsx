import { useId, useState, type FormEvent } from 'react';
import { ledeBridge } from './api/client';
import { useApp } from './state/app-store';

/**
 * A bar across the top while core cannot be reached; edits keep working and
 * wait. It promises only what is true (ADR 0068): where the edits are kept
 * (this browser, or this tab only), and, when the web shell restarted and
 * forgot this tab's session, that they wait for a sign-in, which can be done
 * here without reloading the tab.
 */
export function ConnectionBanner() {
  const connection = useApp((s) => s.connection);
  const editsKept = useApp((s) => s.editsKept);
  const notices = useApp((s) => s.notices);
  return (
    <>
      {connection === 'lost' ? (
        <div role="alert" className="connection-banner">
          {editsKept === 'browser'
            ? 'Connection to Lede’s core lost — keep typing, your changes are kept in this browser and will be saved when it is back.'
            : 'Connection to Lede’s core lost — keep typing, your changes are kept in this tab and will be saved when it is back. Keep the tab open until then.'}
        </div>
      ) : null}
      {connection === 'session-ended' ? <SessionEndedBanner editsKept={editsKept} /> : null}
      {notices.length > 0 ? <UnsavedEditsNotices notices={notices} /> : null}
    </>
  );
}

function SessionEndedBanner({ editsKept }: { editsKept: 'browser' | 'tab' }) {
  const id = useId();
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reconnect = async (event: FormEvent) => {
    event.preventDefault();
    const signInAgain = ledeBridge().signInAgain;
    if (!signInAgain) return;
    setBusy(true);
    setError(null);
    const result = await signInAgain(link);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <section className="connection-banner session-ended" aria-labelledby={`${id}-title`}>
      <div role="alert">
        <h2 id={`${id}-title`} className="session-ended-title">
          Lede restarted, so this tab was signed out.
        </h2>
      </div>
      <p className="session-ended-text">
        {editsKept === 'browser'
          ? 'Your unsaved changes are kept in this browser and are saved as soon as you sign in again.'
          : 'Your unsaved changes are kept in this tab only: do not close it. Sign in again here to save them.'}
      </p>
      <form className="session-ended-form" onSubmit={(event) => void reconnect(event)}>
        <label className="field-label field-label-small" htmlFor={`${id}-link`}>
          New sign-in link
        </label>
        <input
          id={`${id}-link`}
          className="input"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={`${location.origin}/#token=…`}
          value={link}
          onChange={(event) => setLink(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Reconnecting…' : 'Reconnect'}
        </button>
      </form>
      <p id={`${id}-hint`} className="field-hint session-ended-hint">
        Lede prints a new sign-in link when it starts; press Enter in its terminal for another.
        {editsKept === 'browser' ? ' Opening that link in a new tab of this browser works too.' : ''}
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function UnsavedEditsNotices({ notices }: { notices: string[] }) {
  const dismiss = useApp((s) => s.dismissNotice);
  return (
    <ul className="unsaved-edits-notices" aria-label="About unsaved changes">
      {notices.map((notice) => (
        <li key={notice} role="status" className="unsaved-edits-notice">
          <span>{notice}</span>
          <button type="button" className="button button-small" onClick={() => dismiss(notice)} aria-label={`Dismiss: ${notice}`}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
