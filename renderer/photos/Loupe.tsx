import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { describeCull } from '../../shared/media-cull';
import type { CodeReplacement } from '../../shared/photo-templates';
import { matchesShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { Dialog } from '../ui/Dialog';
import { CullBadges } from './CullBadges';
import { isCullKey, isTyping } from './culling';
import { prepareLoupeImages, loupeImageUrl, fullSizeUrl } from './loupe-images';
import type { MediaAsset } from './media-pager';
import { MetadataEditor } from './MetadataEditor';

interface LoupeProps {
  /** Position of the photo shown, in the grid's current order (its filters and sort). */
  index: number;
  total: number;
  idAt(index: number): string | undefined;
  /** The photo shown, with its fields (null while it loads). */
  asset: MediaAsset | null;
  codes: readonly CodeReplacement[];
  onMove(index: number): void;
  onCullKey(key: string): void;
  onOpenTemplates(): void;
  onExport(): void;
  onClose(): void;
}

/**
 * The loupe (ADR 0070): one photo full-window, as large as the window lets
 * it be, with its caption fields beside it. Arrows move to the previous and
 * next photo in the grid's order (the grid's selection follows), Z toggles
 * between the fit view and 100 % (pan by dragging or with the wheel), the
 * culling keys act on the photo shown, Escape closes and gives the focus
 * back to the grid. Keys are text while a caption field has the focus.
 */
export function Loupe({ index, total, idAt, asset, codes, onMove, onCullKey, onOpenTemplates, onExport, onClose }: LoupeProps) {
  const [zoomed, setZoomed] = useState(false);
  const sha256 = idAt(index);

  // The previous and next photos are asked for and decoded while this one is looked at.
  useEffect(() => {
    prepareLoupeImages([index - 1, index + 1].filter((i) => i >= 0 && i < total).map(idAt).filter((id): id is string => id !== undefined));
  }, [index, total, sha256]);

  const move = (to: number) => {
    if (to < 0 || to >= total) return;
    onMove(to);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTyping(event.target)) return;
    if (isCullKey(event)) {
      onCullKey(event.key);
      event.preventDefault();
      return;
    }
    if (matchesShortcut(event, SHORTCUTS.loupeZoom.keys)) {
      setZoomed((value) => !value);
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const rtl = document.dir === 'rtl';
    switch (event.key) {
      case 'ArrowLeft':
        move(rtl ? index + 1 : index - 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'ArrowRight':
        move(rtl ? index - 1 : index + 1);
        break;
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const filename = asset && asset.sha256 === sha256 ? asset.filename : '';
  return (
    <Dialog title="Loupe" onClose={onClose} className="loupe">
      <div className="loupe-layout" onKeyDown={onKeyDown}>
        <div className="loupe-bar">
          <span className="loupe-name" title={filename}>
            {filename || 'Loading…'}
          </span>
          <span className="loupe-position" aria-live="polite">
            {index + 1} of {total}
          </span>
          {asset && asset.sha256 === sha256 && <CullBadges cull={asset.cull} className="loupe-cull" />}
          <span className="loupe-bar-spacer" />
          <button type="button" className="button button-small" disabled={index <= 0} onClick={() => move(index - 1)} aria-keyshortcuts="ArrowLeft">
            ← Previous
          </button>
          <button type="button" className="button button-small" disabled={index >= total - 1} onClick={() => move(index + 1)} aria-keyshortcuts="ArrowRight">
            Next →
          </button>
          <button type="button" className="button button-small" aria-pressed={zoomed} aria-keyshortcuts="Z" onClick={() => setZoomed((value) => !value)}>
            {zoomed ? 'Fit' : 'Zoom to 100%'}
          </button>
        </div>
        <div className="loupe-body">
          {/* The keys' home: focused when the loupe opens, so arrows, Z and the culling keys work at once. */}
          <div className="loupe-view" tabIndex={0} data-autofocus role="group" aria-label={`${filename || 'Photo'}, ${index + 1} of ${total}`}>
            {sha256 ? (
              <LoupeStage sha256={sha256} asset={asset?.sha256 === sha256 ? asset : null} zoomed={zoomed} />
            ) : (
              <p role="status" className="loupe-stage loupe-message">
                Loading…
              </p>
            )}
          </div>
          <aside className="loupe-side" aria-label="Caption and details">
            {asset && asset.sha256 === sha256 ? (
              <MetadataEditor key={asset.sha256} assets={[asset]} codes={codes} focused={asset} onOpenTemplates={onOpenTemplates} onExport={onExport} />
            ) : (
              <p role="status" className="muted">
                Loading…
              </p>
            )}
          </aside>
        </div>
      </div>
    </Dialog>
  );
}

type Shown = { state: 'loading' } | { state: 'shown'; url: string } | { state: 'failed' };

/**
 * The picture: the loupe rendition (fit), or the original at 100 % in a
 * pannable box. The image is decoded before it is put on screen, so a move
 * paints the new photo whole, never half-drawn.
 */
function LoupeStage({ sha256, asset, zoomed }: { sha256: string; asset: MediaAsset | null; zoomed: boolean }) {
  const fitUrl = loupeImageUrl(sha256);
  const fullUrl = asset ? fullSizeUrl(asset) : null;
  const [fit, setFit] = useState<Shown>({ state: 'loading' });
  const [full, setFull] = useState<Shown>({ state: 'loading' });
  const pan = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);

  // The photo before stays on screen until the next one is decoded: a move never flashes an empty stage.
  useEffect(() => shownWhenDecoded(fitUrl, setFit), [fitUrl]);
  useEffect(() => (zoomed && fullUrl ? shownWhenDecoded(fullUrl, setFull) : undefined), [zoomed, fullUrl]);
  useEffect(() => {
    if (!zoomed) setFull({ state: 'loading' });
  }, [zoomed]);

  // At 100 % the view opens on the middle of the picture, where the subject usually is.
  useEffect(() => {
    const box = pan.current;
    if (!zoomed || full.state !== 'shown' || !box) return;
    box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
    box.scrollTop = (box.scrollHeight - box.clientHeight) / 2;
  }, [zoomed, full.state]);

  const name = asset?.filename ?? 'this photo';
  const alt = asset ? asset.fields.altText.trim() || asset.fields.caption.trim() || asset.filename : '';
  if (fit.state === 'failed') {
    return (
      <div role="img" aria-label={`No picture of ${name}`} className="loupe-stage loupe-message loupe-missing">
        <p className="loupe-missing-title">The picture of {name} cannot be shown.</p>
        <p>Its original is not on this computer (it may still be on its way from the newsroom) or the file is damaged. Its caption and details can still be edited.</p>
      </div>
    );
  }
  if (zoomed) {
    return (
      <div
        ref={pan}
        className="loupe-stage loupe-pan"
        data-zoom="100"
        aria-label={`${name} at 100 %: drag or scroll to move around`}
        role="group"
        onPointerDown={(event) => {
          const box = pan.current;
          if (!box || event.button !== 0) return;
          drag.current = { x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop };
          box.setPointerCapture(event.pointerId);
        }}
        onPointerMove={(event) => {
          const box = pan.current;
          if (!box || !drag.current) return;
          box.scrollLeft = drag.current.left - (event.clientX - drag.current.x);
          box.scrollTop = drag.current.top - (event.clientY - drag.current.y);
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      >
        {full.state === 'shown' ? (
          <img className="loupe-full" src={full.url} alt={alt} draggable={false} />
        ) : full.state === 'failed' ? (
          <p className="loupe-message">The full-size picture of {name} cannot be shown; press Z for the fit view.</p>
        ) : (
          <p role="status" className="loupe-message">
            Loading the full-size picture…
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="loupe-stage" data-zoom="fit" title={asset ? describeCull(asset.cull) : undefined}>
      {fit.state === 'shown' ? (
        <img className="loupe-fit" src={fit.url} alt={alt} draggable={false} />
      ) : (
        <p role="status" className="loupe-message">
          Loading…
        </p>
      )}
    </div>
  );
}

/** Decodes an image off screen, then shows it; a failure shows the placeholder. Returns the cleanup for useEffect. */
function shownWhenDecoded(url: string | null, set: (update: (shown: Shown) => Shown) => void): () => void {
  let active = true;
  if (!url) {
    set(() => ({ state: 'failed' }));
    return () => undefined;
  }
  // A placeholder is not kept while the next photo decodes; a picture is.
  set((shown) => (shown.state === 'failed' ? { state: 'loading' } : shown));
  const image = new Image();
  image.src = url;
  image.decode().then(
    () => active && set(() => ({ state: 'shown', url })),
    () => active && set(() => ({ state: 'failed' })),
  );
  return () => {
    active = false;
  };
}
