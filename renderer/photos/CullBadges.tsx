import { CULL_LABEL_NAMES, CULL_RATING_MAX, describeCull, type CullValues } from '../../shared/media-cull';

/**
 * A photo's stars, colour label, tag and rejection at a glance, each with
 * its word beside or behind it (the label chip names its colour; the stars
 * are read as "3 stars"), so nothing is told by colour alone.
 */
export function CullBadges({ cull, className = '', marks = true }: { cull: CullValues; className?: string; /** False: the tag and rejection are shown elsewhere (on the tile's picture: CullMarks). */ marks?: boolean }) {
  return (
    <div className={`cull-badges ${className}`.trim()} title={describeCull(cull)}>
      <span className="cull-stars" aria-hidden="true">
        {'★'.repeat(cull.rating)}
        <span className="cull-stars-empty">{'☆'.repeat(CULL_RATING_MAX - cull.rating)}</span>
      </span>
      <span className="visually-hidden">{describeCull(cull)}</span>
      {cull.label !== 'none' && (
        <span className={`cull-label cull-label-${cull.label}`} aria-hidden="true">
          {CULL_LABEL_NAMES[cull.label]}
        </span>
      )}
      {marks && <CullMarks cull={cull} />}
    </div>
  );
}

/** The tag and the rejection as words on chips; read out by CullBadges' description, so hidden from screen readers here. */
export function CullMarks({ cull, className }: { cull: CullValues; className?: string }) {
  if (!cull.tagged && !cull.rejected) return null;
  const chips = (
    <>
      {cull.tagged && (
        <span className="cull-tag" aria-hidden="true">
          Tagged
        </span>
      )}
      {cull.rejected && (
        <span className="cull-rejected" aria-hidden="true">
          Rejected
        </span>
      )}
    </>
  );
  return className ? <span className={className}>{chips}</span> : chips;
}
