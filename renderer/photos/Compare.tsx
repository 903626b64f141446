import { useRef, useState, type KeyboardEvent } from 'react';
import { matchesShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { Dialog } from '../ui/Dialog';
import { Toaster } from '../ui/Toaster';
import { CullBadges } from './CullBadges';
import { isCullKey, isTyping } from './culling';
import { LoupePicture } from './LoupePicture';
import type { MediaAsset } from './media-pager';

/** Photos Compare shows side by side: two to four (more would be too small to judge). */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

interface CompareProps {
  /** The selected photos, in the grid's order. */
  assets: MediaAsset[];
  /** A culling key for one of them (the active one). */
  onCullKey(key: string, asset: MediaAsset): void;
  onClose(): void;
}

/**
 * Compare (ADR 0070): two to four selected photos side by side, to choose
 * between near-identical frames. Z zooms all of them to 100 % together, and
 * panning one pans the others to the same place. Left and Right choose the
 * active photo, which the culling keys act on.
 */
export function Compare({ assets, onCullKey, onClose }: CompareProps) {
  const [zoomed, setZoomed] = useState(false);
  const [active, setActive] = useState(0);
  const boxes = useRef(new Map<string, HTMLDivElement>());
  const following = useRef(false);

  // Panning one photo moves the others to the same place in theirs, by proportion (they may differ in size).
  const panInStep = (source: HTMLDivElement) => {
    if (following.current) return;
    const x = source.scrollLeft / Math.max(1, source.scrollWidth - source.clientWidth);
    const y = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    following.current = true;
    for (const box of boxes.current.values()) {
      if (box === source) continue;
      box.scrollLeft = x * (box.scrollWidth - box.clientWidth);
      box.scrollTop = y * (box.scrollHeight - box.clientHeight);
    }
    requestAnimationFrame(() => {
      following.current = false;
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTyping(event.target)) return;
    if (isCullKey(event)) {
      const asset = assets[active];
      if (asset) onCullKey(event.key, asset);
      event.preventDefault();
      return;
    }
    if (matchesShortcut(event, SHORTCUTS.loupeZoom.keys)) setZoomed((value) => !value);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') setActive((index) => Math.max(0, index - 1));
    else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') setActive((index) => Math.min(assets.length - 1, index + 1));
    else return;
    event.preventDefault();
  };

  return (
    <Dialog title="Compare" onClose={onClose} className="loupe compare">
      <div className="loupe-layout" onKeyDown={onKeyDown}>
        <div className="loupe-bar">
          <span className="loupe-name">{assets.length} photos side by side</span>
          <span className="loupe-bar-spacer" />
          <button type="button" className="button button-small" aria-pressed={zoomed} aria-keyshortcuts="Z" onClick={() => setZoomed((value) => !value)}>
            {zoomed ? 'Fit' : 'Zoom to 100%'}
          </button>
        </div>
        <div className="compare-panes" tabIndex={0} data-autofocus role="group" aria-label="Photos compared; Left and Right choose the one the keys act on">
          {assets.map((asset, index) => (
            <figure
              key={asset.sha256}
              className={`compare-pane ${index === active ? 'is-active' : ''}`}
              aria-current={index === active ? 'true' : undefined}
              onPointerDown={() => setActive(index)}
            >
              <LoupePicture
                sha256={asset.sha256}
                asset={asset}
                zoomed={zoomed}
                onPan={panInStep}
                panRef={(box) => {
                  if (box) boxes.current.set(asset.sha256, box);
                  else boxes.current.delete(asset.sha256);
                }}
              />
              <figcaption className="compare-caption">
                <span className="loupe-name">{asset.filename}</span>
                <CullBadges cull={asset.cull} className="loupe-cull" />
              </figcaption>
            </figure>
          ))}
        </div>
      </div>
      {/* The desk's notices (a culling step and its Undo) would be under this modal dialog; they show here too. */}
      <Toaster />
    </Dialog>
  );
}
