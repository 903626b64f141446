import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SyncStatus } from '../../shared/sync-status';
import { lede } from '../api/client';
import { shellBridge } from '../api/shell';
import { useApp } from '../state/app-store';
import { LockedNote } from '../settings/LockedNote';
import { showToast } from '../ui/toast-store';
import { useSync } from './sync-state';
import { WEB_SHELL_SSO_RETURN_PATH } from '../../shared/sso-protocol';

interface Errors {
  server?: string;
  token?: string;
  form?: string;
}

/**
 * Server address and access token. Core checks both before keeping them: the
 * address must answer like a Lede sync server, the token must be accepted.
 */
export function SignInForm({ status, onSignedIn }: { status: SyncStatus; onSignedIn(): void }) {
  const setStatus = useSync((s) => s.setStatus);
  const config = useApp((s) => s.config);
  // The newsroom's policy can set the address (and so lock it); otherwise the last one used, then the setting.
  const serverLocked = Boolean(config?.syncServerUrl && config.locked.includes('syncServerUrl'));
  const [server, setServer] = useState(
    (serverLocked ? config?.syncServerUrl : null) ?? status.account?.serverUrl ?? status.lastServerUrl ?? config?.syncServerUrl ?? '',
  );
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Errors>(status.error?.code === 'unauthorized' ? { form: status.error.message } : {});
  const [busy, setBusy] = useState(false);
  const [ssoOffered, setSsoOffered] = useState(false);
  const [waitingForBrowser, setWaitingForBrowser] = useState(false);
  const takeSsoReturn = useSync((s) => s.takeSsoReturnState);
  const finishing = useRef(false);
  /** Counts Electron sign-ins: pressing the button again starts a new one, and the old one's answer is ignored. */
  const attempt = useRef(0);

  // Whether this server signs people in with the newsroom's provider (asked again as the address changes).
  useEffect(() => {
    const address = server.trim();
    if (address === '') return setSsoOffered(false);
    let current = true;
    const timer = setTimeout(() => {
      void lede()
        .invoke('sync.ssoAvailable', { serverUrl: address })
        .then((result) => current && setSsoOffered(result.ok && result.value.available));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [server]);

  const signedIn = (status: SyncStatus) => {
    setStatus(status);
    const profile = useApp.getState().profile;
    showToast({ message: `Signed in as ${status.account?.name ?? profile?.name ?? 'you'}. The header shows how sync is going.` });
    onSignedIn();
  };

  // The web shell's tab is back from the provider: hand the code to core, or say why not.
  useEffect(() => {
    const back = takeSsoReturn();
    if (!back || finishing.current) return;
    if ('error' in back) return setErrors({ form: back.error });
    finishing.current = true;
    setBusy(true);
    void lede()
      .invoke('sync.ssoFinish', { code: back.code })
      .then((result) => {
        finishing.current = false;
        setBusy(false);
        if (result.ok) signedIn(result.value);
        else setErrors({ form: result.error.message });
      });
    // Once, when the form opens: the answer is taken out of the store as it is read.
  }, []);

  const signInWithSso = async () => {
    if (server.trim() === '') return setErrors({ server: 'Enter the address newsroom IT gave you, e.g. https://sync.newsroom.example.' });
    setErrors({});
    const mine = ++attempt.current;
    setBusy(true);
    const inElectron = shellBridge() !== null;
    // The web shell's tab comes back to its own page; in Electron core listens for the system browser.
    const started = await lede().invoke('sync.ssoStart', {
      serverUrl: server.trim(),
      returnUrl: inElectron ? undefined : `${location.origin}${WEB_SHELL_SSO_RETURN_PATH}`,
    });
    if (!started.ok) {
      setBusy(false);
      return setErrors(started.error.code === 'unreachable' || started.error.code === 'invalid_payload' ? { server: started.error.message } : { form: started.error.message });
    }
    if (!inElectron) {
      location.assign(started.value.authorizationUrl);
      return;
    }
    // Electron's main process opens new windows' addresses in the system browser, and nothing else.
    window.open(started.value.authorizationUrl, '_blank', 'noopener');
    // The form stays usable meanwhile: a person who closed the browser tab can start again.
    setBusy(false);
    setWaitingForBrowser(true);
    const result = await lede().invoke('sync.ssoFinish', {});
    if (mine !== attempt.current) return;
    setWaitingForBrowser(false);
    if (result.ok) signedIn(result.value);
    else setErrors({ form: result.error.message });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (server.trim() === '') found.server = 'Enter the address newsroom IT gave you, e.g. https://sync.newsroom.example.';
    if (token.trim() === '') found.token = 'Paste the access token from your account.';
    setErrors(found);
    if (found.server || found.token) return;
    setBusy(true);
    const result = await lede().invoke('sync.signIn', { serverUrl: server.trim(), token: token.trim() });
    setBusy(false);
    if (!result.ok) {
      const { code, message } = result.error;
      if (code === 'unauthorized') setErrors({ token: message });
      else if (code === 'unreachable' || code === 'invalid_payload') setErrors({ server: message });
      else setErrors({ form: message });
      return;
    }
    signedIn(result.value);
  };

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate aria-describedby="sign-in-intro">
      <p id="sign-in-intro" className="sign-in-intro">
        Your stories sync with the newsroom’s server, so colleagues see them and nothing is lost if this computer is. You keep working offline; changes
        wait here until the server is back.
      </p>
      <div className="field">
        <label className="field-label" htmlFor="sync-server">
          Server address
        </label>
        <input
          id="sync-server"
          className="input"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder="https://sync.newsroom.example"
          value={server}
          readOnly={serverLocked}
          data-autofocus={server === '' ? true : undefined}
          aria-invalid={errors.server ? true : undefined}
          aria-describedby={errors.server ? 'sync-server-error' : serverLocked ? 'sync-server-locked' : undefined}
          onChange={(event) => setServer(event.target.value)}
        />
        {serverLocked && !errors.server && <LockedNote id="sync-server-locked" />}
        {errors.server && (
          <p id="sync-server-error" className="field-error">
            {errors.server}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="sync-token">
          Access token
        </label>
        <input
          id="sync-token"
          className="input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          data-autofocus={server !== '' ? true : undefined}
          aria-invalid={errors.token ? true : undefined}
          aria-describedby={errors.token ? 'sync-token-error' : 'sync-token-hint'}
          onChange={(event) => setToken(event.target.value)}
        />
        {errors.token ? (
          <p id="sync-token-error" className="field-error">
            {errors.token}
          </p>
        ) : (
          <p id="sync-token-hint" className="field-hint">
            Newsroom IT makes accounts and gives each person a token (it starts with “lede_”). Your account’s name replaces the name on this computer.
          </p>
        )}
      </div>
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        {ssoOffered && (
          <button type="button" className="button" disabled={busy} onClick={() => void signInWithSso()}>
            Sign in with your newsroom account
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </div>
      {waitingForBrowser && (
        <p className="field-hint" role="status">
          Finish signing in in your browser; Lede continues by itself. Closed it? Press the button again.
        </p>
      )}
    </form>
  );
}
