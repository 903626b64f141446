import { useEffect, useState, type KeyboardEvent } from 'react';
import type { CodeReplacement } from '../../shared/photo-templates';
import { matchesShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { Dialog } from '../ui/Dialog';
import { Toaster } from '../ui/Toaster';
import { CullBadges } from './CullBadges';
import { isCullKey, isTyping } from './culling';
import { prepareLoupeImages } from './loupe-images';
import { LoupePicture } from './LoupePicture';
import type { MediaAsset } from './media-pager';
import { MetadataEditor } from './MetadataEditor';

interface LoupeProps {
  /** Position of the photo shown, in the grid's current order (its filters and sort). */
  index: number;
  total: number;
  idAt(index: number): string | undefined;
  /** The photo shown, with its fields (null while it loads). */
  asset: MediaAsset | null;
  /** The grid's row at a position, if loaded: the name and stars show at once while the photo's fields load. */
  peek(index: number): MediaAsset | undefined;
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
export function Loupe({ index, total, idAt, asset, peek, codes, onMove, onCullKey, onOpenTemplates, onExport, onClose }: LoupeProps) {
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

  const loaded = asset && asset.sha256 === sha256 ? asset : null;
  const row = loaded ?? (peek(index)?.sha256 === sha256 ? peek(index) : undefined);
  const filename = row?.filename ?? '';
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
          {row && <CullBadges cull={row.cull} className="loupe-cull" />}
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
              <LoupePicture sha256={sha256} asset={row ?? null} zoomed={zoomed} />
            ) : (
              <p role="status" className="loupe-stage loupe-message">
                Loading…
              </p>
            )}
          </div>
          <aside className="loupe-side" aria-label="Caption and details">
            {loaded ? (
              <MetadataEditor key={loaded.sha256} assets={[loaded]} codes={codes} focused={loaded} onOpenTemplates={onOpenTemplates} onExport={onExport} />
            ) : (
              <p role="status" className="muted">
                Loading…
              </p>
            )}
          </aside>
        </div>
      </div>
      {/* The desk's notices (a culling step and its Undo) would be under this modal dialog; they show here too. */}
      <Toaster />
    </Dialog>
  );
}
