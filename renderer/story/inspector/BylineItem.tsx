import { useEffect, useId, useState } from 'react';
import { BYLINE_ROLES, BYLINE_ROLE_LABELS, type Byline, type BylineRole } from '../../../shared/model';

interface BylineItemProps {
  byline: Byline;
  dir: 'ltr' | 'rtl';
  readOnly?: boolean;
  onChange(patch: Partial<Omit<Byline, 'id'>>): void;
  onRemove(): void;
  onEditBio(): void;
}

/** One byline: who, in what role, for which organisation, and a way to their bio. */
export function BylineItem({ byline, dir, readOnly, onChange, onRemove, onEditBio }: BylineItemProps) {
  const roleId = useId();
  const orgId = useId();
  // The organisation is committed when the field is left, not per keystroke:
  // a byline is replaced as a whole, and typing should not churn it.
  const [organisation, setOrganisation] = useState(byline.organisation ?? '');
  useEffect(() => setOrganisation(byline.organisation ?? ''), [byline.organisation]);
  const commitOrganisation = () => {
    const value = organisation.trim();
    if (value !== (byline.organisation ?? '')) onChange({ organisation: value });
  };

  return (
    <li className="byline">
      <div className="byline-head">
        <span className="byline-name" dir="auto">
          {byline.name}
        </span>
        {!byline.personId && <span className="byline-unlinked" title="Not linked to the people directory">not in directory</span>}
        <span className="byline-actions">
          <button type="button" className="button button-small button-quiet" onClick={onEditBio} aria-label={`Bio of ${byline.name}`}>
            Bio
          </button>
          {!readOnly && (
            <button type="button" className="icon-button" onClick={onRemove} aria-label={`Remove ${byline.name}`}>
              ×
            </button>
          )}
        </span>
      </div>
      <div className="byline-fields">
        <div className="field field-compact">
          <label className="field-label field-label-small" htmlFor={roleId}>
            Role
          </label>
          <select
            id={roleId}
            className="select select-small"
            value={byline.role}
            disabled={readOnly}
            onChange={(event) => onChange({ role: event.target.value as BylineRole })}
          >
            {BYLINE_ROLES.map((role) => (
              <option key={role} value={role}>
                {BYLINE_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-compact">
          <label className="field-label field-label-small" htmlFor={orgId}>
            Organisation
          </label>
          <input
            id={orgId}
            className="input input-small"
            value={organisation}
            dir={dir}
            readOnly={readOnly}
            maxLength={200}
            placeholder="Optional"
            onChange={(event) => setOrganisation(event.target.value)}
            onBlur={commitOrganisation}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commitOrganisation();
              }
            }}
          />
        </div>
      </div>
    </li>
  );
}
