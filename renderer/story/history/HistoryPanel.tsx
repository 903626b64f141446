import { useMemo, useState } from 'react';
import { STATUS_LABELS, type Status } from '../../../shared/model';
import type { RevisionSummary } from '../../../shared/revisions/revision';
import { DiffDialog } from './DiffDialog';
import { revisionTime, revisionWhat } from './revision-labels';
import { useRevisions } from './use-revisions';
import { auditTimeLabel, changesByVersion, type PersonChanges } from './audit-trail';
import { useAuditTrail } from './use-audit-trail';

/**
 * The story's history beside the text: every checkpoint with its time,
 * author and reason. Opening one shows what changed since (or between two)
 * and offers to restore it, whole or field by field.
 */
export function HistoryPanel({ id, status, readOnly, onClose }: { id: string; status: Status; readOnly: boolean; onClose(): void }) {
  const { state, reload } = useRevisions(id);
  const audit = useAuditTrail(id);
  const [open, setOpen] = useState<RevisionSummary | null>(null);
  const signedOut = state.kind === 'ready' && !state.newsroom.included && state.newsroom.reason === 'signed_out';
  const people = useMemo(
    () => (audit.kind === 'done' && audit.trail.available && state.kind === 'ready' ? changesByVersion(audit.trail.entries, state.items) : null),
    [audit, state],
  );

  return (
    <aside className="inspector history-panel" aria-labelledby="history-title">
      <div className="history-header">
        <h2 id="history-title" className="history-title">
          History
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close history
        </button>
      </div>
      <p className="field-hint">Lede keeps a version at every status change and after a few minutes of editing, on every computer with the story.</p>
      {state.kind === 'ready' && !state.newsroom.included && (
        <p className="history-audit-note muted" role="note">
          {state.newsroom.message}
        </p>
      )}
      {/* Signed out, one note says it for both: the versions from elsewhere and who changed what need the server. */}
      {audit.kind === 'done' && !audit.trail.available && !(audit.trail.reason === 'signed_out' && signedOut) && <p className="history-audit-note muted">{audit.trail.message}</p>}
      {audit.kind === 'failed' && <p className="history-audit-note muted">Who changed what could not be read: {audit.message}</p>}
      {audit.kind === 'done' && audit.trail.available && audit.trail.capped && (
        <p className="history-audit-note muted">Only the oldest changes on the server are named here: the story has many more.</p>
      )}
      {people?.get('current') && <People label="Since the latest version" people={people.get('current')!} />}
      {state.kind === 'loading' && (
        <p role="status" className="muted">
          Loading the history…
        </p>
      )}
      {state.kind === 'failed' && (
        <div role="alert" className="inline-alert">
          <span>The history could not be loaded: {state.message}</span>
          <button type="button" className="button button-small" onClick={reload}>
            Retry
          </button>
        </div>
      )}
      {state.kind === 'ready' && state.items.length === 0 && <p className="history-empty">No versions yet.</p>}
      {state.kind === 'ready' && state.items.length > 0 && (
        <ol className="history-list" aria-label="Versions, newest first">
          {state.items.map((revision) => (
            <li key={revision.id}>
              <button type="button" className="history-item" onClick={() => setOpen(revision)}>
                <span className="history-time">{revisionTime(revision)}</span>
                <span className="history-author">{revision.author || 'Unknown author'}</span>
                <span className="history-what">{revisionWhat(revision)}</span>
                <span className="history-status">{STATUS_LABELS[revision.status]}</span>
              </button>
              {people?.get(revision.id) && <People label="Changed up to this version by" people={people.get(revision.id)!} />}
            </li>
          ))}
        </ol>
      )}
      {open && state.kind === 'ready' && (
        <DiffDialog id={id} status={status} revision={open} revisions={state.items} readOnly={readOnly} onClose={() => setOpen(null)} />
      )}
    </aside>
  );
}

/** The people the server names for a stretch of history, and what each did. */
function People({ label, people }: { label: string; people: PersonChanges[] }) {
  return (
    <ul className="history-people" aria-label={label}>
      {people.map((person) => (
        <li key={person.account}>
          <span className="history-person">{person.account}</span> <span className="history-did">{person.what.join(', ')}</span>{' '}
          <time className="history-did-at" dateTime={person.lastAt}>
            {auditTimeLabel(person.lastAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
