import type { MediaField } from '../../../shared/media-fields';

/**
 * Where each photo field lives in a file, once (ADR 0054): per standard, the
 * name ExifReader gives the tag when reading (`read`, within its expanded
 * `xmp` / `iptc` / `exif` group) and the ExifTool tag written on export
 * (`write`). Import (metadata-read.ts), export (export-tags.ts) and the
 * export's read-back check (media-exporter.ts) all walk this table; a field
 * reads from where it is written.
 *
 * - XMP: every field; read first (Unicode by definition) and always written.
 * - IPTC IIM, where the field has a dataset: read when XMP has nothing, written
 *   in step with XMP (ADR 0011).
 * - EXIF, for the three fields MWG-minded readers take from there: read only
 *   to fill a gap (cameras put their own text there), written so no reader
 *   finds an old value.
 */
export interface TagNames {
  /** ExifReader's name for the tag in its group. */
  read: string;
  /** ExifTool's `Group:Tag`. */
  write: string;
}

export interface FieldTags {
  xmp: TagNames;
  iim?: TagNames;
  exif?: TagNames;
}

// dateCreated is read and written by its own code (two IIM datasets), which needs its IIM names.
export const PHOTO_METADATA_TAGS: Record<MediaField, FieldTags> & { dateCreated: FieldTags & { iim: TagNames } } = {
  caption: {
    xmp: { read: 'description', write: 'XMP-dc:Description' },
    iim: { read: 'Caption/Abstract', write: 'IPTC:Caption-Abstract' },
    exif: { read: 'ImageDescription', write: 'EXIF:ImageDescription' },
  },
  headline: {
    xmp: { read: 'Headline', write: 'XMP-photoshop:Headline' },
    iim: { read: 'Headline', write: 'IPTC:Headline' },
  },
  altText: {
    xmp: { read: 'AltTextAccessibility', write: 'XMP-iptcCore:AltTextAccessibility' },
  },
  extendedDescription: {
    xmp: { read: 'ExtDescrAccessibility', write: 'XMP-iptcCore:ExtDescrAccessibility' },
  },
  credit: {
    xmp: { read: 'Credit', write: 'XMP-photoshop:Credit' },
    iim: { read: 'Credit', write: 'IPTC:Credit' },
  },
  // A list in XMP and IIM; one text in EXIF, names separated by "; " (EXIF_LIST_SEPARATOR).
  creators: {
    xmp: { read: 'creator', write: 'XMP-dc:Creator' },
    iim: { read: 'By-line', write: 'IPTC:By-line' },
    exif: { read: 'Artist', write: 'EXIF:Artist' },
  },
  creatorJobTitle: {
    xmp: { read: 'AuthorsPosition', write: 'XMP-photoshop:AuthorsPosition' },
    iim: { read: 'By-line Title', write: 'IPTC:By-lineTitle' },
  },
  copyright: {
    xmp: { read: 'rights', write: 'XMP-dc:Rights' },
    iim: { read: 'Copyright Notice', write: 'IPTC:CopyrightNotice' },
    exif: { read: 'Copyright', write: 'EXIF:Copyright' },
  },
  source: {
    xmp: { read: 'Source', write: 'XMP-photoshop:Source' },
    iim: { read: 'Source', write: 'IPTC:Source' },
  },
  captionWriter: {
    xmp: { read: 'CaptionWriter', write: 'XMP-photoshop:CaptionWriter' },
    iim: { read: 'Writer/Editor', write: 'IPTC:Writer-Editor' },
  },
  keywords: {
    xmp: { read: 'subject', write: 'XMP-dc:Subject' },
    iim: { read: 'Keywords', write: 'IPTC:Keywords' },
  },
  // IIM keeps the date and the time in two datasets: this one and IIM_TIME_CREATED.
  dateCreated: {
    xmp: { read: 'DateCreated', write: 'XMP-photoshop:DateCreated' },
    iim: { read: 'Date Created', write: 'IPTC:DateCreated' },
  },
  city: {
    xmp: { read: 'City', write: 'XMP-photoshop:City' },
    iim: { read: 'City', write: 'IPTC:City' },
  },
  sublocation: {
    xmp: { read: 'Location', write: 'XMP-iptcCore:Location' },
    iim: { read: 'Sub-location', write: 'IPTC:Sub-location' },
  },
  state: {
    xmp: { read: 'State', write: 'XMP-photoshop:State' },
    iim: { read: 'Province/State', write: 'IPTC:Province-State' },
  },
  country: {
    xmp: { read: 'Country', write: 'XMP-photoshop:Country' },
    iim: { read: 'Country/Primary Location Name', write: 'IPTC:Country-PrimaryLocationName' },
  },
  countryCode: {
    xmp: { read: 'CountryCode', write: 'XMP-iptcCore:CountryCode' },
    iim: { read: 'Country/Primary Location Code', write: 'IPTC:Country-PrimaryLocationCode' },
  },
  jobId: {
    xmp: { read: 'TransmissionReference', write: 'XMP-photoshop:TransmissionReference' },
    iim: { read: 'Original Transmission Reference', write: 'IPTC:OriginalTransmissionReference' },
  },
  instructions: {
    xmp: { read: 'Instructions', write: 'XMP-photoshop:Instructions' },
    iim: { read: 'Special Instructions', write: 'IPTC:SpecialInstructions' },
  },
  title: {
    xmp: { read: 'title', write: 'XMP-dc:Title' },
    iim: { read: 'Object Name', write: 'IPTC:ObjectName' },
  },
  personsShown: {
    xmp: { read: 'PersonInImage', write: 'XMP-iptcExt:PersonInImage' },
  },
  digitalSourceType: {
    xmp: { read: 'DigitalSourceType', write: 'XMP-iptcExt:DigitalSourceType' },
  },
  usageTerms: {
    xmp: { read: 'UsageTerms', write: 'XMP-xmpRights:UsageTerms' },
  },
};

/** The time half of dateCreated in IIM (`HHMMSS±HHMM`). */
export const IIM_TIME_CREATED: TagNames = { read: 'Time Created', write: 'IPTC:TimeCreated' };

/** IIM dataset 1:90: says the text datasets are UTF-8 (read as `ESC % G`, written as ExifTool's `UTF8`). */
export const IIM_CODED_CHARACTER_SET: TagNames = { read: 'Coded Character Set', write: 'IPTC:CodedCharacterSet' };

/** How a list field is joined into EXIF's one text on export; reading splits on its ';' and trims each name. */
export const EXIF_LIST_SEPARATOR = '; ';

/**
 * Culling in XMP (ADR 0070), as Lightroom and Photo Mechanic write it:
 * `xmp:Rating` (−1 rejected, 0–5 stars), `xmp:Label` (the colour's English
 * name) and Photo Mechanic's own `photomechanic:Tagged` (ExifTool 13.59
 * knows it as XMP-photomech:Tagged, a boolean).
 */
export const CULL_TAGS = {
  rating: { read: 'Rating', write: 'XMP-xmp:Rating' },
  label: { read: 'Label', write: 'XMP-xmp:Label' },
  tagged: { read: 'Tagged', write: 'XMP-photomech:Tagged' },
} as const satisfies Record<string, TagNames>;
