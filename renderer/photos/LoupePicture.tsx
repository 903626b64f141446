import { useEffect, useRef, useState } from 'react';
import { describeCull } from '../../shared/media-cull';
import { fullSizeUrl, loupeImageUrl } from './loupe-images';
import type { MediaAsset } from './media-pager';

interface LoupePictureProps {
  sha256: string;
  /** The photo's row (null while it loads): its name, alt text, format. */
  asset: MediaAsset | null;
  zoomed: boolean;
  /** At 100 %: the pannable box moved (Compare moves the others in step). */
  onPan?(box: HTMLDivElement): void;
  /** At 100 %: the pannable box, for Compare to move. */
  panRef?(box: HTMLDivElement | null): void;
}

type Shown = { state: 'loading' } | { state: 'shown'; url: string } | { state: 'failed' };

/**
 * The picture: the loupe rendition (fit), or the original at 100 % in a
 * pannable box. The image is decoded before it is put on screen, so a move
 * paints the new photo whole, never half-drawn.
 */
export function LoupePicture({ sha256, asset, zoomed, onPan, panRef }: LoupePictureProps) {
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
        ref={(box) => {
          pan.current = box;
          panRef?.(box);
        }}
        onScroll={(event) => onPan?.(event.currentTarget)}
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
