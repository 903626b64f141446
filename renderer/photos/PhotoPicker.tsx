import { useEffect, useId, useState } from 'react';
import { lede } from '../api/client';
import { mediaUrl } from '../editor/media-url';
import { MEDIA_DRAG_TYPE } from './drag-types';
import type { MediaAsset } from './media-pager';

const SHOWN = 120;

/**
 * Photos to put in a story: search the library, then drag a photo into the
 * text or press its Insert button (the keyboard way). Used as the story's
 * side panel and inside the editor's "Photo" dialog.
 */
export function PhotoPicker({ onInsert, autoFocus }: { onInsert(asset: MediaAsset): void; autoFocus?: boolean }) {
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<{ items: MediaAsset[]; total: number } | { error: string } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => lede().on('media.changed', () => setVersion((v) => v + 1)), []);

  useEffect(() => {
    let active = true;
    const timer = setTimeout(() => {
      void lede()
        .invoke('media.list', { query, limit: SHOWN })
        .then((result) => {
          if (!active) return;
          setState(result.ok ? { items: result.value.items, total: result.value.total } : { error: result.error.message });
        });
    }, 120);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [query, version]);

  return (
    <div className="photo-picker">
      <div className="field">
        <label className="field-label" htmlFor={searchId}>
          Search photos
        </label>
        <input id={searchId} type="search" className="input" value={query} autoFocus={autoFocus} placeholder="Caption, keywords, place…" onChange={(event) => setQuery(event.target.value)} />
      </div>
      {state === null ? (
        <p role="status" className="muted">
          Loading photos…
        </p>
      ) : 'error' in state ? (
        <p role="alert" className="field-error">
          {state.error}
        </p>
      ) : state.items.length === 0 ? (
        <p className="muted">{query ? 'No photo matches.' : 'No photos yet. Import them on the photo desk, or drop a picture into the story.'}</p>
      ) : (
        <>
          <p className="field-hint">Drag a photo into the story, or press Insert.{state.total > state.items.length ? ` Showing ${state.items.length} of ${state.total}; search to narrow.` : ''}</p>
          <ul className="photo-picker-list" aria-label="Photos">
            {state.items.map((asset) => (
              <li
                key={asset.sha256}
                className="photo-picker-item"
                draggable
                data-sha256={asset.sha256}
                onDragStart={(event) => {
                  event.dataTransfer.setData(MEDIA_DRAG_TYPE, asset.sha256);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
              >
                <img src={mediaUrl(asset.sha256, 'thumb') ?? undefined} alt={asset.fields.altText} loading="lazy" draggable={false} />
                <span className="photo-picker-caption" title={asset.fields.caption}>
                  {asset.fields.caption || asset.filename}
                </span>
                <button type="button" className="button button-small" onClick={() => onInsert(asset)} aria-label={`Insert ${asset.filename}`}>
                  Insert
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
