import type { ResultOf } from '../../shared/contract';
import { TRANSMISSION_STATE_LABELS, type Transmission } from '../../shared/publishing/transmissions';
import { exactTime, relativeTime } from '../ui/format';
import type * as Y from 'yjs';
import { CorrectionField } from './CorrectionField';
import { EmbargoField } from './EmbargoField';
import { usePublishing } from './use-publishing';

/**
 * The inspector's Publishing section (ADR 0071): per output, what the
 * newsroom server did with the story's latest publication — waiting, sent
 * (when), retrying (attempts, last error), refused (the receiver's answer).
 */
export function PublishingSection({ id, meta, publishedHere, readOnly }: { id: string; meta: Y.Map<string | null>; publishedHere: boolean; readOnly?: boolean }) {
  const state = usePublishing(id, publishedHere);
  return (
    <section className="inspector-section publishing" aria-labelledby="publishing-heading">
      <h2 className="inspector-heading" id="publishing-heading">
        Publishing
      </h2>
      <EmbargoField meta={meta} readOnly={readOnly} />
      <CorrectionField meta={meta} readOnly={readOnly} />
      <PublishingBody state={state} publishedHere={publishedHere} />
    </section>
  );
}

function PublishingBody({ state, publishedHere }: { state: ReturnType<typeof usePublishing>; publishedHere: boolean }) {
  if (state.kind === 'loading') return <p className="field-hint">Asking the newsroom server…</p>;
  if (state.kind === 'failed') return <p className="field-hint">{state.message}</p>;
  const publishing = state.publishing;
  if (!publishing.available) {
    if (publishing.reason === 'not_on_server' && publishedHere) {
      return <p className="publishing-note">Published on this computer. The newsroom server sends it to its outputs once this change has synced.</p>;
    }
    if (publishing.reason === 'unreachable' && publishedHere) {
      return <p className="publishing-note">Published on this computer while the newsroom server cannot be reached. Nothing has been sent yet: the server sends it to its outputs once this change syncs.</p>;
    }
    return <p className="field-hint">{publishing.message}</p>;
  }
  return <PublishingOutputs publishing={publishing} publishedHere={publishedHere} />;
}

function PublishingOutputs({ publishing, publishedHere }: { publishing: Extract<ResultOf<'article.publishing'>, { available: true }>; publishedHere: boolean }) {
  const { latestVersion, latestKind, problem } = publishing;
  if (latestVersion === null) {
    return publishedHere ? (
      <p className="publishing-note">Published on this computer. The newsroom server sends it to its outputs once this change has synced.</p>
    ) : (
      <p className="field-hint">Not published yet. When a desk editor moves it to Published, the newsroom server sends it to its outputs.</p>
    );
  }
  // What needs someone first: refused, then retrying, waiting, sent; by output name within each.
  const latest = publishing.transmissions
    .filter((row) => row.version === latestVersion)
    .sort((a, b) => ATTENTION.indexOf(a.state) - ATTENTION.indexOf(b.state) || a.output.localeCompare(b.output));
  return (
    <>
      <p className="publishing-version">
        Version {latestVersion}
        {latestKind === 'kill' ? ': spiked — the outputs that had the story are told to withdraw it' : ''}
      </p>
      {problem && (
        <p className="publishing-problem" role="alert">
          {problem}
        </p>
      )}
      {!problem && latest.length === 0 && <p className="field-hint">The newsroom server has no outputs for this story’s desk, so it was not sent anywhere.</p>}
      {latest.length > 0 && (
        <ul className="transmissions" aria-label="Outputs">
          {latest.map((row) => (
            <TransmissionRow key={row.output} row={row} />
          ))}
        </ul>
      )}
    </>
  );
}

const ATTENTION: readonly Transmission['state'][] = ['refused', 'retrying', 'waiting', 'sent'];

function TransmissionRow({ row }: { row: Transmission }) {
  // Waiting for its embargo to end is not waiting for the receiver: said as what it is.
  const label = row.heldUntil ? 'Embargoed' : TRANSMISSION_STATE_LABELS[row.state];
  return (
    <li className={`transmission transmission-${row.state}`} aria-label={`${row.output}: ${label}`}>
      <div className="transmission-head">
        <span className="transmission-output">{row.output}</span>
        <span className="transmission-type">{row.type}</span>
        <span className={`transmission-state transmission-state-${row.heldUntil ? 'held' : row.state}`}>{label}</span>
      </div>
      <TransmissionDetail row={row} />
    </li>
  );
}

function TransmissionDetail({ row }: { row: Transmission }) {
  switch (row.state) {
    case 'waiting':
      return row.heldUntil ? (
        <p className="transmission-detail">
          Held by the newsroom server until <time dateTime={row.heldUntil}>{exactTime(row.heldUntil)}</time>.
        </p>
      ) : (
        <p className="transmission-detail">Waiting to be sent.</p>
      );
    case 'sent':
      return (
        <p className="transmission-detail">
          Sent <time dateTime={row.sentAt ?? undefined}>{exactTime(row.sentAt)}</time>
          {row.attempts > 1 ? ` (after ${row.attempts} attempts)` : ''}.
        </p>
      );
    case 'retrying':
      return (
        <p className="transmission-detail">
          {row.attempts === 1 ? 'The first attempt' : `${row.attempts} attempts`} failed: {row.lastError}
          {row.nextAttemptAt ? ` Next try ${relativeTime(row.nextAttemptAt)}.` : ''}
        </p>
      );
    case 'refused':
      return (
        <div className="transmission-detail">
          <p>{row.lastError}</p>
          {row.answer && row.answer.body && (
            <>
              <p className="transmission-answer-label">The receiver’s answer:</p>
              <pre className="transmission-answer">{row.answer.body}</pre>
            </>
          )}
        </div>
      );
  }
}
