import { useState } from 'react';
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type ExportFormat } from '../../shared/interchange';
import { lede } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { saveFile } from '../ui/download';
import { showToast } from '../ui/toast-store';

const DESCRIPTIONS: Record<ExportFormat, string> = {
  ninjs: 'IPTC ninjs 2.2 for the web desk and agencies: fields, body, bylines and pictures.',
  html: 'A clean web page: semantic HTML, no editor markup.',
  markdown: 'Plain text with Markdown for headings, links and lists.',
};

/** Exports the story as a file in one of the interchange formats. */
export function StoryExportDialog({ id, onClose }: { id: string; onClose(): void }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setFailure(null);
    const result = await lede().invoke('article.export', { id, format });
    setBusy(null);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    saveFile(result.value);
    showToast({ message: `Exported ${result.value.fileName}` });
    onClose();
  };

  return (
    <Dialog title="Export story" onClose={onClose} dismissOnBackdrop className="export-dialog">
      <ul className="export-options">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <button type="button" className="export-option" disabled={busy !== null} onClick={() => void run(format)}>
              <span className="export-option-label">{EXPORT_FORMAT_LABELS[format]}</span>
              <span className="export-option-description">{busy === format ? 'Exporting…' : DESCRIPTIONS[format]}</span>
            </button>
          </li>
        ))}
      </ul>
      {failure && (
        <p role="alert" className="field-error">
          The story was not exported: {failure}
        </p>
      )}
    </Dialog>
  );
}
