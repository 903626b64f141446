import { useRef, useState } from 'react';
import { IMPORTABLE_EXTENSIONS } from '../../shared/interchange';
import { importStoryFile } from './import-file';

/** "Import…": picks a Word, ninjs, HTML, Markdown or text file and opens it as a new draft. */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button type="button" className="button" disabled={busy} aria-busy={busy || undefined} onClick={() => input.current?.click()} title="Import a Word, HTML, Markdown, text or ninjs file as a new draft">
        {busy ? 'Importing…' : 'Import…'}
      </button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="File to import"
        accept={IMPORTABLE_EXTENSIONS.join(',')}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          setBusy(true);
          await importStoryFile(file);
          setBusy(false);
        }}
      />
    </>
  );
}
