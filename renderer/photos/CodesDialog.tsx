import { useId, useState } from 'react';
import type { CodeReplacement } from '../../shared/photo-templates';
import { lede } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { showToast } from '../ui/toast-store';

/**
 * The desk's code replacements: short codes typed between equals signs
 * (`=afp=`) that expand into their text as you type in any photo field.
 */
export function CodesDialog({ codes, onClose }: { codes: CodeReplacement[]; onClose(): void }) {
  const [rows, setRows] = useState<CodeReplacement[]>(codes.length ? codes : [{ code: '', text: '' }]);
  const id = useId();
  const save = async () => {
    const cleaned = rows.map((row) => ({ code: row.code.trim().replace(/^=|=$/g, ''), text: row.text.trim() })).filter((row) => row.code && row.text);
    const result = await lede().invoke('photoDesk.set', { codes: cleaned });
    if (!result.ok) {
      showToast({ message: `Codes not saved: ${result.error.message}`, tone: 'error' });
      return;
    }
    showToast({ message: 'Code replacements saved.' });
    onClose();
  };
  return (
    <Dialog
      title="Code replacements"
      description="Type =code= in any photo field and it becomes the text beside it."
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={() => void save()}>
            Save codes
          </button>
        </>
      }
    >
      <table className="codes-table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Expands to</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>
                <input
                  className="input input-small input-mono"
                  aria-label={`Code ${index + 1}`}
                  placeholder="afp"
                  value={row.code}
                  onChange={(event) => setRows(rows.map((r, i) => (i === index ? { ...r, code: event.target.value } : r)))}
                />
              </td>
              <td>
                <input
                  className="input input-small"
                  aria-label={`Text for code ${index + 1}`}
                  placeholder="AFP/Getty Images"
                  value={row.text}
                  onChange={(event) => setRows(rows.map((r, i) => (i === index ? { ...r, text: event.target.value } : r)))}
                />
              </td>
              <td>
                <button type="button" className="button button-small button-quiet" aria-label={`Remove code ${index + 1}`} onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" id={id} className="button button-small" onClick={() => setRows([...rows, { code: '', text: '' }])}>
        Add code
      </button>
    </Dialog>
  );
}
