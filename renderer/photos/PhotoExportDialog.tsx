import { useEffect, useId, useMemo, useState } from 'react';
import type { ResultOf } from '../../shared/contract';
import { checkMediaFields } from '../../shared/media-fields';
import { lede, ledeBridge } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { countLabel } from '../ui/format';
import type { MediaAsset } from './media-pager';

type ExportOutcome = ResultOf<'media.export'>;

const FOLDER_KEY = 'lede.photoDesk.exportFolder';

/**
 * Export with the checks first: photos whose values break an IPTC byte limit
 * are named (they will be refused, not cut), missing alt text or credit is
 * shown as a warning. Then copies go to the folder and each file's result is
 * listed, with the reason when one failed.
 */
export function PhotoExportDialog({ assets, onClose }: { assets: MediaAsset[]; onClose(): void }) {
  const folderId = useId();
  const desktop = ledeBridge().desktop;
  const [folder, setFolder] = useState(() => localStorage.getItem(FOLDER_KEY) ?? '');
  const [running, setRunning] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const checks = useMemo(
    () =>
      assets
        .map((asset) => ({ asset, problems: checkMediaFields(asset.fields) }))
        .filter((entry) => entry.problems.length > 0),
    [assets],
  );
  const refused = checks.filter((entry) => entry.problems.some((p) => p.level === 'ERROR')).length;

  useEffect(() => lede().on('media.exportProgress', ({ done, total }) => setRunning((r) => (r ? { done, total } : r))), []);

  const run = async () => {
    setError(null);
    setRunning({ done: 0, total: assets.length });
    localStorage.setItem(FOLDER_KEY, folder.trim());
    const result = await lede().invoke('media.export', { sha256s: assets.map((a) => a.sha256), folder: folder.trim() });
    setRunning(null);
    if (!result.ok) setError(result.error.message);
    else setOutcome(result.value);
  };

  const exported = outcome?.results.filter((r) => r.ok).length ?? 0;
  return (
    <Dialog
      title={`Export ${countLabel(assets.length, 'photo', 'photos')}`}
      className="export-dialog"
      onClose={onClose}
      actions={
        outcome ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button button-primary" disabled={!folder.trim() || running !== null || refused === assets.length} onClick={() => void run()}>
              {running ? `Exporting ${running.done} of ${running.total}…` : 'Export'}
            </button>
          </>
        )
      }
    >
      {!outcome && (
        <>
          <div className="field">
            <label className="field-label" htmlFor={folderId}>
              Export folder
            </label>
            <div className="input-row">
              <input
                id={folderId}
                className="input input-mono"
                placeholder="/home/desk/Exports/today"
                value={folder}
                onChange={(event) => setFolder(event.target.value)}
                aria-describedby={`${folderId}-hint`}
              />
              {desktop && (
                <button type="button" className="button" onClick={() => void desktop.pickFolder().then((picked) => picked && setFolder(picked))}>
                  Choose…
                </button>
              )}
            </div>
            <span id={`${folderId}-hint`} className="field-hint">
              A full path on this computer. Copies are written there with their captions; the imported originals are not changed.
            </span>
          </div>
          {checks.length > 0 ? (
            <div className="export-checks" role="region" aria-label="Checks before export">
              <p className={refused ? 'field-error' : 'field-hint'}>
                {refused ? `${countLabel(refused, 'photo', 'photos')} will not be exported until the values marked “too long” are shortened.` : 'Warnings (export still works):'}
              </p>
              <ul>
                {checks.slice(0, 50).map(({ asset, problems }) => (
                  <li key={asset.sha256}>
                    <strong>{asset.filename}</strong>: {problems.map((p) => (p.level === 'ERROR' ? `too long — ${p.message}` : p.message)).join(' ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="check-ok">All checks pass.</p>
          )}
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
        </>
      )}
      {outcome && (
        <div className="export-results" role="status">
          <p>
            {countLabel(exported, 'photo', 'photos')} exported to <code>{outcome.folder}</code>
            {exported < outcome.results.length && `, ${outcome.results.length - exported} failed`}.
          </p>
          <ul>
            {outcome.results.map((result) => (
              <li key={result.sha256} className={result.ok ? 'check-ok' : 'check-error'}>
                {result.ok ? `${result.filename} → ${result.file}` : `${result.filename || result.sha256.slice(0, 12)}: ${result.reason}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
