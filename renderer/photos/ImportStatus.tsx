import type { EventPayloadOf } from '../../shared/contract';
import { lede } from '../api/client';
import { countLabel } from '../ui/format';

type Progress = EventPayloadOf<'media.importProgress'>;

/**
 * An import's progress: a bar, the file being worked on, what was refused
 * and why (file by file), and Cancel. Polite live region: screen readers hear
 * the count move without being interrupted at every file.
 */
export function ImportStatus({ progress, onDismiss }: { progress: Progress; onDismiss(): void }) {
  const running = progress.state === 'running';
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const summary = running
    ? progress.total > 0
      ? `Importing ${progress.done} of ${progress.total}`
      : 'Looking for photos…'
    : `${progress.state === 'cancelled' ? 'Import cancelled' : 'Import finished'}: ${countLabel(progress.imported, 'photo', 'photos')} added` +
      (progress.duplicates ? `, ${countLabel(progress.duplicates, 'duplicate', 'duplicates')} skipped` : '') +
      (progress.failed ? `, ${progress.failed} refused` : '');
  return (
    <section className={`import-status ${progress.failed ? 'has-errors' : ''}`} aria-label="Import">
      <div className="import-status-line">
        <span role="status" aria-live="polite" className="import-summary">
          {summary}
        </span>
        {running && progress.current && <span className="import-current muted">{progress.current}</span>}
        <span className="topbar-spacer" />
        {running ? (
          <button type="button" className="button button-small" onClick={() => void lede().invoke('media.importCancel', { importId: progress.importId })}>
            Cancel import
          </button>
        ) : (
          <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
      <progress className="import-bar" max={100} value={running ? percent : 100} aria-label="Import progress">
        {percent}%
      </progress>
      {progress.errors.length > 0 && (
        <details className="import-errors" open={!running}>
          <summary>{countLabel(progress.errors.length, 'file was', 'files were')} refused</summary>
          <ul>
            {progress.errors.map((error, index) => (
              <li key={index}>
                <strong>{error.file}</strong>: {error.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
