import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import { STATUS_LABELS, type Status } from '../../../shared/model';
import { RESTORABLE_PARTS, statusAfterRestore, type RestorablePart, type RevisionSummary } from '../../../shared/revisions/revision';
import { lede } from '../../api/client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { showToast } from '../../ui/toast-store';
import { DiffBody } from './DiffBody';
import { TextChanges } from './TextChanges';
import { attributedPeople } from '../../../shared/revisions/attribution';
import { ChangeAuthor, EVERYONE, NOT_IN_A_VERSION, showsChange, type ChangesByChoice } from './change-authors';
import { revisionDetail, revisionTime } from './revision-labels';

type Diff = ResultOf<'article.revisionDiff'>;
type Loading = { kind: 'loading' } | { kind: 'ready'; diff: Diff } | { kind: 'failed'; message: string };
/** A restore the person asked for, waiting for their confirmation. */
type Asked = { parts: RestorablePart[]; what: string };

const RESTORABLE = new Set<string>(RESTORABLE_PARTS);

/**
 * One version against the story as it is now (or against another version):
 * changed fields with their words marked, then the body block by block.
 * Restoring brings the version back as a new change — whole, or one field —
 * once the person has confirmed, told what the story's status becomes.
 */
export function DiffDialog({
  id,
  status,
  revision,
  revisions,
  readOnly,
  onClose,
}: {
  id: string;
  status: Status;
  revision: RevisionSummary;
  revisions: RevisionSummary[];
  readOnly: boolean;
  onClose(): void;
}) {
  const [against, setAgainst] = useState<number | 'current'>('current');
  const [state, setState] = useState<Loading>({ kind: 'loading' });
  const [restoring, setRestoring] = useState(false);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [changesBy, setChangesBy] = useState<ChangesByChoice>(EVERYONE);

  useEffect(() => {
    setState({ kind: 'loading' });
    setChangesBy(EVERYONE);
    void lede()
      .invoke('article.revisionDiff', { id, from: revision.id, to: against })
      .then((result) => setState(result.ok ? { kind: 'ready', diff: result.value } : { kind: 'failed', message: result.error.message }));
  }, [id, revision.id, against]);

  const restore = async ({ parts, what }: Asked) => {
    setAsked(null);
    setRestoring(true);
    const result = await lede().invoke('article.restoreRevision', { id, revisionId: revision.id, parts });
    setRestoring(false);
    if (!result.ok) {
      showToast({ message: `Not restored: ${result.error.message}`, tone: 'error' });
      return;
    }
    const moved = result.value.status !== status ? ` The story is back ${STATUS_LABELS[result.value.status]}.` : '';
    showToast({ message: `Restored ${what} from the version of ${revisionTime(revision)}.${moved}` });
    onClose();
  };
  const ask = (parts: RestorablePart[], what: string) => setAsked({ parts, what });
  const after = statusAfterRestore(status);

  const diff = state.kind === 'ready' ? state.diff.diff : null;
  const unchanged = diff && diff.fields.length === 0 && diff.body.every((block) => block.kind === 'same');
  const people = diff ? attributedPeople(diff) : [];
  const unnamed = diff ? diff.fields.some((field) => field.by === null) || diff.body.some((block) => block.kind !== 'same' && block.by === null) : false;
  const fields = diff?.fields.filter((field) => showsChange(changesBy, field.by)) ?? [];
  const fieldsByOthers = (diff?.fields.length ?? 0) - fields.length;
  const bodyChanged = diff?.body.some((block) => block.kind !== 'same') ?? false;
  const canRestore = !readOnly && against === 'current' && !unchanged;

  return (
    <Dialog
      title={`Version of ${revisionTime(revision)}`}
      description={`${revision.author || 'Unknown author'} · ${revisionDetail(revision.detail) || revision.reason}`}
      onClose={onClose}
      className="diff-dialog"
      dismissOnBackdrop
      actions={
        <>
          {readOnly && <p className="field-hint diff-readonly">The story is read-only: move it back to Draft to restore a version.</p>}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button button-primary" disabled={!canRestore || restoring} onClick={() => ask([...RESTORABLE_PARTS], 'the whole version')}>
            Restore this version
          </button>
        </>
      }
    >
      <div className="diff-choices">
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
        {diff && !unchanged && (
          <div className="field diff-changes-by">
            <label className="field-label" htmlFor="diff-changes-by">
              Changes by
            </label>
            <select id="diff-changes-by" className="select" value={choiceValue(changesBy)} onChange={(event) => setChangesBy(choiceFrom(event.target.value))}>
              <option value="everyone">Everyone</option>
              {people.map((name) => (
                <option key={name} value={`person:${name}`}>
                  {name}
                </option>
              ))}
              {unnamed && <option value="unnamed">{NOT_IN_A_VERSION}</option>}
            </select>
          </div>
        )}
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
      {diff && fieldsByOthers > 0 && fields.length === 0 && (
        <p className="diff-fold">
          <button type="button" className="link-button" onClick={() => setChangesBy(EVERYONE)}>
            {fieldsByOthers} changed {fieldsByOthers === 1 ? 'field' : 'fields'} by others — show everyone’s
          </button>
        </p>
      )}
      {diff && fields.length > 0 && (
        <section aria-labelledby="diff-fields-title" className="diff-section">
          <h3 id="diff-fields-title" className="diff-heading">
            Changed fields
          </h3>
          <dl className="diff-fields">
            {fields.map((field) => (
              <div key={field.field} className="diff-field">
                <dt>
                  {field.label}
                  {canRestore && RESTORABLE.has(field.field) && (
                    <button type="button" className="button button-small" disabled={restoring} onClick={() => ask([field.field as RestorablePart], `the ${field.label.toLowerCase()}`)}>
                      Restore {field.label.toLowerCase()}
                    </button>
                  )}
                </dt>
                <dd>
                  <ChangeAuthor by={field.by} />
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
              <button type="button" className="button button-small" disabled={restoring} onClick={() => ask(['body'], 'the body')}>
                Restore body
              </button>
            )}
          </h3>
          <DiffBody blocks={diff.body} changesBy={changesBy} onShowEveryone={() => setChangesBy(EVERYONE)} />
        </section>
      )}
      <p className="field-hint">
        <ins className="diff-insert">Marked like this</ins>: added since this version. <del className="diff-delete">Struck through</del>: in this version, gone since.
      </p>
      {asked && (
        <ConfirmDialog
          title={`Restore ${asked.what}?`}
          message={[
            `${upperFirst(asked.what)} comes back from the version of ${revisionTime(revision)} by ${revision.author || 'an unknown author'}, as a new change everyone on the story gets.`,
            'The story as it is now stays in its history, so you can go back to it.',
            after !== status ? `The story moves from ${STATUS_LABELS[status]} back to ${STATUS_LABELS[after]}: its checks run again on the way to Ready.` : `The story stays ${STATUS_LABELS[status]}.`,
          ].join(' ')}
          confirmLabel="Restore"
          onCancel={() => setAsked(null)}
          onConfirm={() => void restore(asked)}
        />
      )}
    </Dialog>
  );
}

function choiceValue(choice: ChangesByChoice): string {
  return choice.kind === 'person' ? `person:${choice.name}` : choice.kind;
}

function choiceFrom(value: string): ChangesByChoice {
  if (value.startsWith('person:')) return { kind: 'person', name: value.slice('person:'.length) };
  return value === 'unnamed' ? { kind: 'unnamed' } : EVERYONE;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
