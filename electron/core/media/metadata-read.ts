import ExifReader from 'exifreader';
import { MEDIA_FIELDS, MEDIA_TEXT_MAX, emptyMediaFields, isListField, type MediaFields } from '../../../shared/media-fields';
import { cullFromXmp, type CullValues } from '../../../shared/media-cull';
import { CULL_TAGS, EXIF_LIST_SEPARATOR, IIM_CODED_CHARACTER_SET, IIM_TIME_CREATED, PHOTO_METADATA_TAGS } from './metadata-tags';

/**
 * Reads a photo's caption, credit and the rest with ExifReader, from the
 * tags metadata-tags.ts names, in the order docs/content-model.md asks: XMP
 * first (it is Unicode by definition), then IPTC IIM (decoded as UTF-8 when
 * dataset 1:90 says so, otherwise as UTF-8 if the bytes are valid UTF-8 and
 * as Windows-1252 if not), then EXIF, which also gives the camera, lens and
 * the time the picture was taken. See ADR 0011.
 */

export interface ReadMetadata {
  fields: MediaFields;
  camera: string;
  lens: string;
  /** ISO 8601 (with offset when the file has one), or ''. */
  takenAt: string;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
  /** Stars, label and tag the file arrives with (rated in Photo Mechanic or Lightroom); only what it says. */
  cull: Partial<CullValues>;
}

type Tag = { value?: unknown; description?: unknown };
type Group = Record<string, Tag | Tag[] | undefined>;

const LOAD_OPTIONS = {
  expanded: true,
  includeUnknown: false,
  // Colour profiles, maker notes and embedded thumbnails are never shown; skipping them saves time per file.
  includeTags: { file: true, exif: true, iptc: true, xmp: true },
} as const;

/** Parses metadata from a whole file's bytes; throws if ExifReader cannot read the container. */
export function readImageMetadata(bytes: Uint8Array): ReadMetadata {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let tags: Record<string, Group | undefined>;
  try {
    tags = ExifReader.load(jpegHead(buffer), LOAD_OPTIONS) as unknown as Record<string, Group | undefined>;
  } catch (error) {
    // "No Exif data" and friends: a file without metadata is fine.
    if (error instanceof Error && error.name === 'MetadataMissingError') tags = {};
    else throw error;
  }
  if (!tags.xmp || Object.keys(tags.xmp).every((key) => key === '_raw' || key === 'about')) {
    const xmp = utf16XmpTags(buffer);
    if (xmp) tags = { ...tags, xmp };
  }
  return mapTags(tags);
}

/**
 * A JPEG up to its first scan: every metadata segment and the frame header,
 * none of the compressed picture, which ExifReader would otherwise walk.
 * Other formats are passed whole.
 */
function jpegHead(bytes: Buffer): Buffer {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xda) return bytes.subarray(0, offset + 2);
    if (marker === 0xd9) break;
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return bytes;
}

const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';

/**
 * XMP may be UTF-16 (the XMP spec allows it; ExifTool's test file uses it),
 * which ExifReader does not read. The packet is re-encoded as UTF-8 in a
 * minimal JPEG (start, one APP1, end) and parsed from there.
 */
function utf16XmpTags(bytes: Buffer): Group | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const length = bytes.readUInt16BE(offset + 2);
    const start = offset + 4;
    if (marker === 0xe1 && bytes.toString('latin1', start, start + XMP_HEADER.length) === XMP_HEADER) {
      const packet = bytes.subarray(start + XMP_HEADER.length, offset + 2 + length);
      const encoding = packet[0] === 0 ? 'utf-16be' : packet[1] === 0 || (packet[0] === 0xff && packet[1] === 0xfe) ? 'utf-16le' : packet[0] === 0xfe && packet[1] === 0xff ? 'utf-16be' : null;
      if (!encoding) return undefined;
      const xml = new TextDecoder(encoding).decode(packet).replace(/^\uFEFF/, '');
      const body = Buffer.concat([Buffer.from(XMP_HEADER, 'latin1'), Buffer.from(xml, 'utf8')]);
      if (body.length + 2 > 0xffff) return undefined;
      const segment = Buffer.alloc(4);
      segment.writeUInt16BE(0xffe1, 0);
      segment.writeUInt16BE(body.length + 2, 2);
      const mini = Buffer.concat([Buffer.from([0xff, 0xd8]), segment, body, Buffer.from([0xff, 0xd9])]);
      try {
        return (ExifReader.load(mini, { expanded: true, includeUnknown: false, includeTags: { xmp: true } }) as unknown as Record<string, Group | undefined>).xmp;
      } catch {
        return undefined;
      }
    }
    offset += 2 + length;
  }
  return undefined;
}

export function mapTags(tags: Record<string, Group | undefined>): ReadMetadata {
  const fields = emptyMediaFields();
  const xmp = tags.xmp ?? {};
  const iptc = tags.iptc ?? {};
  const exif = tags.exif ?? {};
  const iimUtf8 = isUtf8CodedCharacterSet(single(iptc[IIM_CODED_CHARACTER_SET.read]));

  for (const field of MEDIA_FIELDS) {
    const name = PHOTO_METADATA_TAGS[field].xmp.read;
    if (isListField(field)) fields[field] = xmpList(xmp[name]);
    else fields[field] = clean(xmpText(xmp[name]));
  }

  for (const field of MEDIA_FIELDS) {
    const name = PHOTO_METADATA_TAGS[field].iim?.read;
    // The date is two datasets, read together below.
    if (!name || field === 'dateCreated') continue;
    if (isListField(field)) {
      if (fields[field].length === 0) fields[field] = many(iptc[name]).map((tag) => clean(iimText(tag, iimUtf8))).filter(Boolean);
    } else if (fields[field] === '') {
      fields[field] = clean(iimText(single(iptc[name]), iimUtf8));
    }
  }
  if (fields.dateCreated === '') {
    fields.dateCreated = iimDate(single(iptc[PHOTO_METADATA_TAGS.dateCreated.iim.read]), single(iptc[IIM_TIME_CREATED.read]));
  }

  // EXIF last: descriptions there are often a camera's default text, so only a gap is filled.
  for (const field of MEDIA_FIELDS) {
    const name = PHOTO_METADATA_TAGS[field].exif?.read;
    if (!name) continue;
    const text = exifText(exif[name]);
    if (isListField(field)) {
      if (fields[field].length === 0) {
        fields[field] = text
          .split(EXIF_LIST_SEPARATOR.trim())
          .map((item) => clean(item))
          .filter(Boolean);
      }
    } else if (fields[field] === '') {
      fields[field] = clean(text);
    }
  }

  // Facts about the picture rather than editable fields: EXIF only, never written.
  const make = clean(exifText(exif.Make));
  const model = clean(exifText(exif.Model));
  const camera = model.toLowerCase().startsWith(make.toLowerCase()) ? model : [make, model].filter(Boolean).join(' ');
  const orientation = Number(single(exif.Orientation)?.value);
  return {
    fields,
    camera,
    lens: clean(exifText(exif.LensModel)),
    takenAt: exifDate(exifText(exif.DateTimeOriginal), exifText(exif.OffsetTimeOriginal)) || fields.dateCreated,
    orientation: Number.isInteger(orientation) && orientation >= 1 && orientation <= 8 ? orientation : 1,
    cull: cullFromXmp(xmpValue(xmp[CULL_TAGS.rating.read]), xmpText(xmp[CULL_TAGS.label.read]), xmpValue(xmp[CULL_TAGS.tagged.read])),
  };
}

function single(tag: Tag | Tag[] | undefined): Tag | undefined {
  return Array.isArray(tag) ? tag[0] : tag;
}

function many(tag: Tag | Tag[] | undefined): Tag[] {
  if (!tag) return [];
  return Array.isArray(tag) ? tag : [tag];
}

/** Trims, drops control characters and caps the length: metadata comes from strangers. */
function clean(text: string): string {
  const value = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return value.length > MEDIA_TEXT_MAX ? value.slice(0, MEDIA_TEXT_MAX) : value;
}

/** A simple XMP value, or the x-default (else first) entry of a language alternative. */
function xmpText(tag: Tag | Tag[] | undefined): string {
  const value = single(tag)?.value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const entries = value as Array<{ value?: unknown; attributes?: { lang?: string } }>;
    const chosen = entries.find((entry) => entry.attributes?.lang === 'x-default') ?? entries[0];
    return typeof chosen?.value === 'string' ? chosen.value : '';
  }
  return '';
}

/** A simple XMP value as ExifReader gives it (its text; a number or boolean stays one). */
function xmpValue(tag: Tag | Tag[] | undefined): unknown {
  return single(tag)?.value;
}

function xmpList(tag: Tag | Tag[] | undefined): string[] {
  const value = single(tag)?.value;
  if (typeof value === 'string') return value.trim() ? [clean(value)] : [];
  if (!Array.isArray(value)) return [];
  return (value as Array<{ value?: unknown }>)
    .map((entry) => (typeof entry.value === 'string' ? clean(entry.value) : ''))
    .filter(Boolean);
}

/** IIM 1:90 holds ESC % G when the text datasets are UTF-8. */
function isUtf8CodedCharacterSet(tag: Tag | undefined): boolean {
  const value = tag?.value;
  return Array.isArray(value) && value[0] === 0x1b && value[1] === 0x25 && value[2] === 0x47;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/** Windows-1252's 0x80–0x9F (curly quotes, dashes, €…); the rest of the code page is Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decoded by hand: Node's TextDecoder may treat "windows-1252" as plain Latin-1 (without full ICU). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

export function iimText(tag: Tag | undefined, utf8: boolean): string {
  const value = tag?.value;
  if (!Array.isArray(value)) return typeof value === 'string' ? value : '';
  const bytes = Uint8Array.from(value as number[]);
  if (utf8) return utf8Lenient.decode(bytes);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function iimDate(date: Tag | undefined, time: Tag | undefined): string {
  const d = iimText(date, false);
  if (!/^\d{8}$/.test(d)) return '';
  const day = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const t = iimText(time, false);
  const match = /^(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})$/.exec(t);
  return match ? `${day}T${match[1]}:${match[2]}:${match[3]}${match[4]}:${match[5]}` : day;
}

function exifText(tag: Tag | Tag[] | undefined): string {
  const value = single(tag)?.value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value.join(' ');
  if (typeof value === 'string') return value;
  const description = single(tag)?.description;
  return typeof description === 'string' ? description : '';
}

function exifDate(value: string, offset: string): string {
  const match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match || match[1] === '0000') return '';
  const base = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
  return /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? base + offset.trim() : base;
}
