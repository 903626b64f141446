import { MEDIA_FIELDS, isListField, type MediaFields } from '../../../shared/media-fields';
import { CULL_LABEL_NAMES, type CullValues } from '../../../shared/media-cull';
import { CULL_TAGS, EXIF_LIST_SEPARATOR, IIM_CODED_CHARACTER_SET, IIM_TIME_CREATED, PHOTO_METADATA_TAGS } from './metadata-tags';

export type TagValue = string | string[] | number | null;

/**
 * The tags to write for one photo, as ExifTool names them (metadata-tags.ts):
 * XMP always, IIM and EXIF where the field has a tag there. Empty values
 * delete the tag (null), so old text cannot linger.
 */
export function exportTags(fields: MediaFields, cull: CullValues): Record<string, TagValue> {
  const tags: Record<string, TagValue> = {
    // Without this, ExifTool writes IIM as Latin-1 and anything else becomes "?".
    [IIM_CODED_CHARACTER_SET.write]: 'UTF8',
  };
  for (const field of MEDIA_FIELDS) {
    const targets = PHOTO_METADATA_TAGS[field];
    if (field === 'dateCreated') {
      Object.assign(tags, dateTags(fields.dateCreated));
      continue;
    }
    const value = fields[field];
    const list = isListField(field) ? (value as string[]) : null;
    const empty = list ? list.length === 0 : (value as string).trim() === '';
    tags[targets.xmp.write] = empty ? null : value;
    if (targets.iim) tags[targets.iim.write] = empty ? null : value;
    if (targets.exif) tags[targets.exif.write] = empty ? null : list ? list.join(EXIF_LIST_SEPARATOR) : (value as string);
  }
  Object.assign(tags, cullTags(cull));
  // Recomputed by ExifTool from the IIM block just written, so readers trust IIM and XMP alike.
  tags['Photoshop:IPTCDigest'] = 'new';
  return tags;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date (and time) as XMP and IIM want it; anything unparseable is not written rather than written wrong. */
export function dateTags(value: string): Record<string, TagValue> {
  const xmpDate = PHOTO_METADATA_TAGS.dateCreated.xmp.write;
  const iimDate = PHOTO_METADATA_TAGS.dateCreated.iim.write;
  const iimTime = IIM_TIME_CREATED.write;
  const match = ISO.exec(value.trim());
  if (!match) return { [xmpDate]: null, [iimDate]: null, [iimTime]: null };
  const [, year, month, day, hour, minute, second, zone] = match;
  const date = `${year}:${month}:${day}`;
  if (!hour) return { [xmpDate]: date, [iimDate]: date, [iimTime]: null };
  const offset = zone === undefined ? '' : zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const time = `${hour}:${minute}:${second ?? '00'}${offset}`;
  return { [xmpDate]: `${date} ${time}`, [iimDate]: date, [iimTime]: time };
}

/**
 * Stars, label and tag as Lightroom and Photo Mechanic read them (ADR 0070):
 * a rejected photo is rating −1 whatever its stars; no stars, no label and
 * no tag delete the tags, so a rating the file came with cannot linger.
 */
export function cullTags(cull: CullValues): Record<string, TagValue> {
  const rating = cull.rejected ? -1 : cull.rating;
  return {
    [CULL_TAGS.rating.write]: rating === 0 ? null : rating,
    [CULL_TAGS.label.write]: cull.label === 'none' ? null : CULL_LABEL_NAMES[cull.label],
    // ExifTool takes the boolean by its printed name ("Yes"), and stores XMP's "True".
    [CULL_TAGS.tagged.write]: cull.tagged ? 'Yes' : null,
  };
}
