import { NEWSROOM_ROLES, NEWSROOM_ROLE_LABELS, type NewsroomRole } from '../../shared/model';
import { ACCOUNT_ROLE_LABELS } from '../../shared/accounts/roles';
import { useSync } from '../sync/sync-state';

export interface ProfileDraft {
  name: string;
  role: NewsroomRole | '';
}

export interface ProfileErrors {
  name?: string;
  role?: string;
}

/** What is wrong with a profile draft, per field; empty when it can be saved. */
export function validateProfile(draft: ProfileDraft): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Enter your name as it should appear in bylines.';
  else if (name.length > 200) errors.name = 'That name is too long (200 characters at most).';
  if (draft.role === '') errors.role = 'Choose your newsroom role.';
  return errors;
}

interface ProfileFieldsProps {
  draft: ProfileDraft;
  errors: ProfileErrors;
  onChange(draft: ProfileDraft): void;
  idPrefix: string;
  autoFocus?: boolean;
}

/** Name and newsroom role, shared by first start and Settings. */
export function ProfileFields({ draft, errors, onChange, idPrefix, autoFocus }: ProfileFieldsProps) {
  const nameId = `${idPrefix}-name`;
  const roleId = `${idPrefix}-role`;
  const account = useSync((state) => state.status?.account ?? null);
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={nameId}>
          Name
        </label>
        <input
          id={nameId}
          className="input"
          autoComplete="name"
          autoFocus={autoFocus}
          value={draft.name}
          maxLength={200}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${nameId}-error` : undefined}
          onChange={(event) => onChange({ ...draft, name: event.target.value })}
        />
        {errors.name && (
          <p id={`${nameId}-error`} className="field-error">
            {errors.name}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={roleId}>
          Newsroom role
        </label>
        <select
          id={roleId}
          className="select"
          value={draft.role}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={errors.role ? `${roleId}-error` : `${roleId}-hint`}
          onChange={(event) => onChange({ ...draft, role: event.target.value as NewsroomRole | '' })}
        >
          <option value="" disabled>
            Choose a role…
          </option>
          {NEWSROOM_ROLES.map((role) => (
            <option key={role} value={role}>
              {NEWSROOM_ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {errors.role ? (
          <p id={`${roleId}-error`} className="field-error">
            {errors.role}
          </p>
        ) : (
          <p id={`${roleId}-hint`} className="field-hint">
            {account
              ? `While you are signed in to sync, your newsroom account’s role (${ACCOUNT_ROLE_LABELS[account.role]}) decides what you may do; this one applies when you are not.`
              : 'Editors publish, spike, and send published or spiked stories back to Draft, and are added to “Edited by” when they move a story on.'}
          </p>
        )}
      </div>
    </>
  );
}
