import { useState, type FormEvent } from 'react';
import { lede } from '../api/client';
import { useApp } from '../state/app-store';
import { ProfileFields, validateProfile, type ProfileDraft, type ProfileErrors } from './ProfileFields';

/**
 * First start: who is writing. The profile names bylines, "Edited by" and
 * revision authors until a sync account replaces it.
 */
export function ProfileSetup() {
  const [draft, setDraft] = useState<ProfileDraft>({ name: '', role: '' });
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateProfile(draft);
    setErrors(found);
    if (found.name || found.role || draft.role === '') return;
    setSaving(true);
    setFailure(null);
    const result = await lede().invoke('profile.set', { name: draft.name.trim(), role: draft.role });
    setSaving(false);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    useApp.getState().setProfile(result.value);
  };

  return (
    <main className="profile-setup">
      <form className="profile-card" onSubmit={submit} noValidate aria-labelledby="profile-setup-title">
        <p className="brand brand-large" aria-hidden="true">
          Lede
        </p>
        <h1 id="profile-setup-title" className="profile-title">
          Who are you?
        </h1>
        <p className="profile-intro">
          Lede uses your name for bylines, “Edited by” and revision authors on this computer. A newsroom sync account
          replaces it later.
        </p>
        <ProfileFields
          idPrefix="profile-setup"
          draft={draft}
          errors={errors}
          autoFocus
          onChange={(next) => {
            setDraft(next);
            // Clear a message as soon as the person fixes what it was about.
            if (errors.name || errors.role) setErrors(validateProfile(next));
          }}
        />
        {failure && (
          <p role="alert" className="form-error">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Continue'}
          </button>
        </div>
      </form>
    </main>
  );
}
