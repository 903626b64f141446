import { useState } from 'react';
import type * as Y from 'yjs';
import { isDeskEditor, storyAccess } from '../../../shared/workflow/story-rules';
import { lede } from '../../api/client';
import { useYMapValue } from '../use-y';
import { useActingAccount } from '../workflow/use-workflow-role';

/**
 * The desk the story belongs to. Desks come from the newsroom account: a
 * reporter gives an unclaimed story one of their desks; moving a story on
 * to another desk is its desk editor's. Core and the server check it again.
 */
export function DeskField({ id, meta, readOnly }: { id: string; meta: Y.Map<string | null>; readOnly?: boolean }) {
  const stored = useYMapValue(meta, 'desk');
  const desk = typeof stored === 'string' && stored !== '' ? stored : null;
  const account = useActingAccount();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!account) {
    if (!desk) return null;
    return (
      <div className="field">
        <span className="field-label">Desk</span>
        <p className="field-value">{desk}</p>
      </div>
    );
  }
  const mayMove = storyAccess(account, desk) === 'write' && (desk === null || isDeskEditor(account, desk));
  const options = desk && !account.desks.includes(desk) ? [desk, ...account.desks] : account.desks;
  const choose = async (next: string) => {
    setBusy(true);
    setError(null);
    const result = await lede().invoke('article.setDesk', { id, desk: next === '' ? null : next });
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor="inspector-desk">
        Desk
      </label>
      <select
        id="inspector-desk"
        className="select"
        value={desk ?? ''}
        disabled={readOnly || busy || !mayMove || options.length === 0}
        aria-describedby={error ? 'inspector-desk-error' : 'inspector-desk-hint'}
        onChange={(event) => void choose(event.target.value)}
      >
        {desk === null && <option value="">No desk yet</option>}
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {error ? (
        <p id="inspector-desk-error" role="alert" className="field-error">
          {error}
        </p>
      ) : (
        <p id="inspector-desk-hint" className="field-hint">
          {options.length === 0
            ? 'Your account is on no desk yet.'
            : mayMove
              ? 'Who may open the story follows its desk.'
              : 'Only a desk editor moves a story to another desk.'}
        </p>
      )}
    </div>
  );
}
