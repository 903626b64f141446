import { MEDIA_FIELDS, isListField, type MediaField, type MediaFields } from '../../../shared/media-fields';

/**
 * Where each field is written on export, as ExifTool tag names: XMP always,
 * IPTC IIM where the field exists there (kept in step with XMP), and the three
 * EXIF tags that MWG-minded readers prefer for description, creator and
 * copyright, so no reader finds an old value there.
 */
export const EXPORT_TAGS: Record<MediaField, { xmp: string; iim?: string; exif?: string }> = {
  caption: { xmp: 'XMP-dc:Description', iim: 'IPTC:Caption-Abstract', exif: 'EXIF:ImageDescription' },
  headline: { xmp: 'XMP-photoshop:Headline', iim: 'IPTC:Headline' },
  altText: { xmp: 'XMP-iptcCore:AltTextAccessibility' },
  extendedDescription: { xmp: 'XMP-iptcCore:ExtDescrAccessibility' },
  credit: { xmp: 'XMP-photoshop:Credit', iim: 'IPTC:Credit' },
  creators: { xmp: 'XMP-dc:Creator', iim: 'IPTC:By-line', exif: 'EXIF:Artist' },
  creatorJobTitle: { xmp: 'XMP-photoshop:AuthorsPosition', iim: 'IPTC:By-lineTitle' },
  copyright: { xmp: 'XMP-dc:Rights', iim: 'IPTC:CopyrightNotice', exif: 'EXIF:Copyright' },
  source: { xmp: 'XMP-photoshop:Source', iim: 'IPTC:Source' },
  captionWriter: { xmp: 'XMP-photoshop:CaptionWriter', iim: 'IPTC:Writer-Editor' },
  keywords: { xmp: 'XMP-dc:Subject', iim: 'IPTC:Keywords' },
  dateCreated: { xmp: 'XMP-photoshop:DateCreated', iim: 'IPTC:DateCreated' },
  city: { xmp: 'XMP-photoshop:City', iim: 'IPTC:City' },
  sublocation: { xmp: 'XMP-iptcCore:Location', iim: 'IPTC:Sub-location' },
  state: { xmp: 'XMP-photoshop:State', iim: 'IPTC:Province-State' },
  country: { xmp: 'XMP-photoshop:Country', iim: 'IPTC:Country-PrimaryLocationName' },
  countryCode: { xmp: 'XMP-iptcCore:CountryCode', iim: 'IPTC:Country-PrimaryLocationCode' },
  jobId: { xmp: 'XMP-photoshop:TransmissionReference', iim: 'IPTC:OriginalTransmissionReference' },
  instructions: { xmp: 'XMP-photoshop:Instructions', iim: 'IPTC:SpecialInstructions' },
  title: { xmp: 'XMP-dc:Title', iim: 'IPTC:ObjectName' },
  personsShown: { xmp: 'XMP-iptcExt:PersonInImage' },
  digitalSourceType: { xmp: 'XMP-iptcExt:DigitalSourceType' },
  usageTerms: { xmp: 'XMP-xmpRights:UsageTerms' },
};

export type TagValue = string | string[] | null;

/** The tags to write for one photo. Empty values delete the tag (null), so old text cannot linger. */
export function exportTags(fields: MediaFields): Record<string, TagValue> {
  const tags: Record<string, TagValue> = {
    // Without this, ExifTool writes IIM as Latin-1 and anything else becomes "?".
    'IPTC:CodedCharacterSet': 'UTF8',
  };
  for (const field of MEDIA_FIELDS) {
    const targets = EXPORT_TAGS[field];
    if (field === 'dateCreated') {
      Object.assign(tags, dateTags(fields.dateCreated));
      continue;
    }
    const value = fields[field];
    const list = isListField(field) ? (value as string[]) : null;
    const empty = list ? list.length === 0 : (value as string).trim() === '';
    tags[targets.xmp] = empty ? null : value;
    if (targets.iim) tags[targets.iim] = empty ? null : value;
    if (targets.exif) tags[targets.exif] = empty ? null : list ? list.join('; ') : (value as string);
  }
  // Recomputed by ExifTool from the IIM block just written, so readers trust IIM and XMP alike.
  tags['Photoshop:IPTCDigest'] = 'new';
  return tags;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date (and time) as XMP and IIM want it; anything unparseable is not written rather than written wrong. */
export function dateTags(value: string): Record<string, TagValue> {
  const match = ISO.exec(value.trim());
  if (!match) return { 'XMP-photoshop:DateCreated': null, 'IPTC:DateCreated': null, 'IPTC:TimeCreated': null };
  const [, year, month, day, hour, minute, second, zone] = match;
  const date = `${year}:${month}:${day}`;
  if (!hour) return { 'XMP-photoshop:DateCreated': date, 'IPTC:DateCreated': date, 'IPTC:TimeCreated': null };
  const offset = zone === undefined ? '' : zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const time = `${hour}:${minute}:${second ?? '00'}${offset}`;
  return { 'XMP-photoshop:DateCreated': `${date} ${time}`, 'IPTC:DateCreated': date, 'IPTC:TimeCreated': time };
}
