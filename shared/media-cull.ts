import type * as Y from 'yjs';

/**
 * Culling a photo (ADR 0070): its stars, its colour label, Photo Mechanic's
 * tag ("pick") and whether it is rejected. They live in the photo's document
 * (`media:<sha256>`) in one Y.Map, `cull`, one key per value: a Y.Map key
 * keeps one value, so two laptops that rate the same photo merge to the same
 * single value, field by field (stars from one, label from the other).
 *
 * Rejected is its own key rather than a rating of −1: rejecting a 3-star
 * photo and taking the rejection back leaves it at 3 stars, and a colleague
 * who rejects while another rates does not undo the rating. Export writes a
 * rejected photo as `XMP:Rating` −1, as Lightroom and Photo Mechanic read it.
 */
export const CULL_MAP = 'cull';

/** Lightroom's colour labels and keys 6–9, in that order. */
export const CULL_LABELS = ['red', 'yellow', 'green', 'blue'] as const;
export type CullLabel = (typeof CULL_LABELS)[number];
export const CULL_LABEL_VALUES = ['none', ...CULL_LABELS] as const;
export type CullLabelValue = (typeof CULL_LABEL_VALUES)[number];

export const CULL_RATING_MAX = 5;

export interface CullValues {
  /** 0 (no stars) to 5. */
  rating: number;
  label: CullLabelValue;
  /** Photo Mechanic's tag: the photo is picked. */
  tagged: boolean;
  rejected: boolean;
}

export const NO_CULL: CullValues = { rating: 0, label: 'none', tagged: false, rejected: false };

/** How the label is named to people (and how Lightroom writes it in `XMP:Label`). */
export const CULL_LABEL_NAMES: Record<CullLabel, string> = { red: 'Red', yellow: 'Yellow', green: 'Green', blue: 'Blue' };

export function isCullLabel(value: unknown): value is CullLabel {
  return typeof value === 'string' && (CULL_LABELS as readonly string[]).includes(value);
}

/** The values as the document holds them; anything malformed (a bad sync, an old client) reads as unset. */
export function readCull(doc: Y.Doc): CullValues {
  const map = doc.getMap<unknown>(CULL_MAP);
  const rating = map.get('rating');
  const label = map.get('label');
  return {
    rating: typeof rating === 'number' && Number.isInteger(rating) && rating >= 0 && rating <= CULL_RATING_MAX ? rating : 0,
    label: isCullLabel(label) ? label : 'none',
    tagged: map.get('tagged') === true,
    rejected: map.get('rejected') === true,
  };
}

/** Sets the given values; a value already so is not written again (no update, no sync traffic). */
export function applyCull(doc: Y.Doc, patch: Partial<CullValues>): void {
  const current = readCull(doc);
  const map = doc.getMap<unknown>(CULL_MAP);
  doc.transact(() => {
    for (const key of ['rating', 'label', 'tagged', 'rejected'] as const) {
      const value = patch[key];
      if (value === undefined || value === current[key]) continue;
      map.set(key, value);
    }
  });
}

/**
 * What a file's XMP says (as Lightroom and Photo Mechanic write it): a
 * rating of −1 is a rejection, 1–5 are stars; a label is matched by its
 * English name in any case ("Red", "red"); tagged is Photo Mechanic's flag.
 * Only what the file says is returned, so an unrated file seeds nothing.
 */
export function cullFromXmp(rating: unknown, label: unknown, tagged: unknown): Partial<CullValues> {
  const values: Partial<CullValues> = {};
  const stars = typeof rating === 'number' ? rating : typeof rating === 'string' && rating.trim() !== '' ? Number(rating) : NaN;
  if (stars === -1) values.rejected = true;
  else if (Number.isFinite(stars) && stars >= 1) values.rating = Math.min(CULL_RATING_MAX, Math.round(stars));
  const named = typeof label === 'string' ? label.trim().toLowerCase() : '';
  if (isCullLabel(named)) values.label = named;
  if (tagged === true || (typeof tagged === 'string' && /^(true|yes|1)$/i.test(tagged.trim()))) values.tagged = true;
  return values;
}

/** "3 stars", "Rejected, 2 stars, Red label, tagged" — the words a screen reader and a tooltip say for a photo's cull. */
export function describeCull(values: CullValues): string {
  const parts: string[] = [];
  if (values.rejected) parts.push('Rejected');
  parts.push(values.rating === 0 ? 'no stars' : values.rating === 1 ? '1 star' : `${values.rating} stars`);
  if (values.label !== 'none') parts.push(`${CULL_LABEL_NAMES[values.label]} label`);
  if (values.tagged) parts.push('tagged');
  return parts.join(', ');
}
