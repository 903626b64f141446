import { describeCull } from '../../shared/media-cull';
import { mediaUrl } from '../editor/media-url';
import { optionAttributes } from '../ui/listbox';
import { CullBadges, CullMarks } from './CullBadges';
import { MEDIA_DRAG_TYPE } from './drag-types';
import type { MediaAsset } from './media-pager';

interface PhotoTileProps {
  id: string;
  index: number;
  total: number;
  asset: MediaAsset | undefined;
  selected: boolean;
  focused: boolean;
  onPointer(modifiers: { shift: boolean; toggle: boolean }): void;
  /** Double click: the photo in the loupe. */
  onOpen(): void;
}

/** One photo in the grid: thumbnail, name, its culling, and what it still lacks. Draggable into a story. */
export function PhotoTile({ id, index, total, asset, selected, focused, onPointer, onOpen }: PhotoTileProps) {
  if (!asset) {
    return (
      <div {...optionAttributes(id, index, total, false)} aria-busy="true" className="photo-tile photo-tile-loading">
        <span className="visually-hidden">Loading…</span>
        <span className="photo-tile-thumb skeleton" aria-hidden="true" />
      </div>
    );
  }
  const caption = asset.fields.caption.trim();
  const label = `${asset.filename}${caption ? ` — ${caption.slice(0, 80)}` : ''} — ${describeCull(asset.cull)}`;
  return (
    <div
      {...optionAttributes(id, index, total, selected)}
      aria-label={label}
      className={['photo-tile', selected ? 'is-selected' : '', focused ? 'is-focused' : '', asset.cull.rejected ? 'is-rejected' : ''].filter(Boolean).join(' ')}
      data-sha256={asset.sha256}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(MEDIA_DRAG_TYPE, asset.sha256);
        event.dataTransfer.setData('text/plain', asset.filename);
        event.dataTransfer.effectAllowed = 'copy';
      }}
      onDoubleClick={onOpen}
      onMouseDown={(event) => {
        if (event.button !== 0) return;
        // Shift and ctrl/cmd clicks select; they must not start a text selection.
        if (event.shiftKey || event.ctrlKey || event.metaKey) event.preventDefault();
        onPointer({ shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
      }}
    >
      <div className="photo-tile-thumb">
        <img src={mediaUrl(asset.sha256, 'thumb') ?? undefined} alt="" loading="lazy" decoding="async" draggable={false} />
        <CullMarks cull={asset.cull} className="photo-tile-marks" />
      </div>
      <div className="photo-tile-name" title={asset.filename}>
        {asset.filename}
      </div>
      <CullBadges cull={asset.cull} className="photo-tile-cull" marks={false} />
      <div className="photo-tile-flags" aria-hidden={!asset.missingAlt && !asset.missingCredit && !asset.overLimit}>
        {asset.overLimit && <span className="flag flag-error">Too long</span>}
        {asset.missingAlt && <span className="flag flag-warn">No alt text</span>}
        {asset.missingCredit && <span className="flag flag-warn">No credit</span>}
      </div>
    </div>
  );
}
