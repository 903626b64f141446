import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import { RESTORABLE_PARTS, type RestorablePart, type RevisionSummary } from '../../../shared/revisions/revision';
import { lede } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { showToast } from '../../ui/toast-store';
import { DiffBody } from './DiffBody';
import { TextChanges } from './TextChanges';
import { revisionTime } from './revision-labels';

type Diff = ResultOf<'article.revisionDiff'>;
type Loading = { kind: 'loading' } | { kind: 'ready'; diff: Diff } | { kind: 'failed'; message: string };

const RESTORABLE = new Set<string>(RESTORABLE_PARTS);

/**
 * One version against the story as it is now (or against another version):
 * changed fields with their words marked, then the body block by block.
 * Restoring brings the version back as a new change — whole, or one field.
 */
export function DiffDialog({ id, revision, revisions, readOnly, onClose }: { id: string; revision: RevisionSummary; revisions: RevisionSummary[]; readOnly: boolean; onClose(): void }) {
  const [against, setAgainst] = useState<number | 'current'>('current');
  const [state, setState] = useState<Loading>({ kind: 'loading' });
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    setState({ kind: 'loading' });
    void lede()
      .invoke('article.revisionDiff', { id, from: revision.id, to: against })
      .then((result) => setState(result.ok ? { kind: 'ready', diff: result.value } : { kind: 'failed', message: result.error.message }));
  }, [id, revision.id, against]);

  const restore = async (parts: RestorablePart[], what: string) => {
    setRestoring(true);
    const result = await lede().invoke('article.restoreRevision', { id, revisionId: revision.id, parts });
    setRestoring(false);
    if (!result.ok) {
      showToast({ message: `Not restored: ${result.error.message}`, tone: 'error' });
      return;
    }
    showToast({ message: `Restored ${what} from ${revisionTime(revision)}` });
    onClose();
  };

  const diff = state.kind === 'ready' ? state.diff.diff : null;
  const unchanged = diff && diff.fields.length === 0 && diff.body.every((block) => block.kind === 'same');
  const bodyChanged = diff?.body.some((block) => block.kind !== 'same') ?? false;
  const canRestore = !readOnly && against === 'current' && !unchanged;

  return (
    <Dialog
      title={`Version of ${revisionTime(revision)}`}
      description={`${revision.author || 'Unknown author'} · ${revision.detail || revision.reason}`}
      onClose={onClose}
      className="diff-dialog"
      dismissOnBackdrop
      actions={
        <>
          {readOnly && <p className="field-hint diff-readonly">The story is read-only: move it back to Draft to restore a version.</p>}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button button-primary" disabled={!canRestore || restoring} onClick={() => void restore([...RESTORABLE_PARTS], 'the whole version')}>
            Restore this version
          </button>
        </>
      }
    >
      <div className="field diff-against">
        <label className="field-label" htmlFor="diff-against">
          Compare with
        </label>
        <select id="diff-against" className="select" value={String(against)} onChange={(event) => setAgainst(event.target.value === 'current' ? 'current' : Number(event.target.value))}>
          <option value="current">The story now</option>
          {revisions
            .filter((other) => other.id !== revision.id)
            .map((other) => (
              <option key={other.id} value={other.id}>
                {`Version of ${revisionTime(other)} (${other.author || 'unknown'})`}
              </option>
            ))}
        </select>
      </div>
      {state.kind === 'loading' && (
        <p role="status" className="muted">
          Comparing…
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" className="field-error">
          The versions could not be compared: {state.message}
        </p>
      )}
      {diff && unchanged && <p className="history-empty">No differences.</p>}
      {diff && diff.fields.length > 0 && (
        <section aria-labelledby="diff-fields-title" className="diff-section">
          <h3 id="diff-fields-title" className="diff-heading">
            Changed fields
          </h3>
          <dl className="diff-fields">
            {diff.fields.map((field) => (
              <div key={field.field} className="diff-field">
                <dt>
                  {field.label}
                  {canRestore && RESTORABLE.has(field.field) && (
                    <button type="button" className="button button-small" disabled={restoring} onClick={() => void restore([field.field as RestorablePart], field.label.toLowerCase())}>
                      Restore {field.label.toLowerCase()}
                    </button>
                  )}
                </dt>
                <dd>
                  <TextChanges parts={field.parts} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {diff && bodyChanged && (
        <section aria-labelledby="diff-body-title" className="diff-section">
          <h3 id="diff-body-title" className="diff-heading">
            Body
            {canRestore && (
              <button type="button" className="button button-small" disabled={restoring} onClick={() => void restore(['body'], 'the body')}>
                Restore body
              </button>
            )}
          </h3>
          <DiffBody blocks={diff.body} />
        </section>
      )}
      <p className="field-hint">
        <ins className="diff-insert">Marked like this</ins>: added since this version. <del className="diff-delete">Struck through</del>: in this version, gone since.
      </p>
    </Dialog>
  );
}
