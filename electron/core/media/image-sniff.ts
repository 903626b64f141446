/**
 * What a file is, from its first bytes rather than its name: a text file
 * called photo.jpg must be refused as text, not fail deep inside a decoder.
 */

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'heif' | 'avif';

export const FORMAT_EXTENSIONS: Record<ImageFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  tiff: 'tif',
  heif: 'heic',
  avif: 'avif',
};

export const FORMAT_MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  heif: 'image/heic',
  avif: 'image/avif',
};

/** Names a folder import picks up; files chosen one by one are all tried. */
export const IMAGE_NAME = /\.(jpe?g|png|gif|webp|tiff?|heic|heif|avif)$/i;

export type Sniffed = { ok: true; format: ImageFormat } | { ok: false; reason: string };

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty (0 bytes).' };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ok: true, format: 'jpeg' };
  if (bytes.length >= 8 && ascii(bytes, 1, 4) === 'PNG' && bytes[0] === 0x89) return { ok: true, format: 'png' };
  if (bytes.length >= 6 && ascii(bytes, 0, 4) === 'GIF8') return { ok: true, format: 'gif' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { ok: true, format: 'webp' };
  if (bytes.length >= 4 && (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*')) return { ok: true, format: 'tiff' };
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return { ok: true, format: 'avif' };
    if (['heic', 'heix', 'mif1', 'msf1', 'hevc', 'heim', 'heis'].includes(brand)) return { ok: true, format: 'heif' };
  }
  return { ok: false, reason: describeNonImage(bytes) };
}

function describeNonImage(bytes: Uint8Array): string {
  const head = bytes.subarray(0, Math.min(bytes.length, 512));
  if (ascii(head, 0, 4) === '%PDF') return 'This is a PDF document, not an image.';
  if (ascii(head, 0, 2) === 'PK') return 'This is a ZIP archive (or an Office document), not an image.';
  const printable = head.every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127) );
  if (printable) return 'This is a text file, not an image (whatever its name says).';
  return 'This is not an image format Lede can read (JPEG, PNG, GIF, WebP, TIFF, HEIF or AVIF).';
}

/** Total bytes in a JPEG's APPn and COM segments (EXIF, XMP, IPTC, ICC…), read from the segment headers only. */
export function jpegMetadataBytes(bytes: Uint8Array): number {
  let offset = 2;
  let total = 0;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) break;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    // Start of scan: image data follows, no more metadata segments.
    if (marker === 0xda || marker === 0xd9) break;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) total += length;
    offset += 2 + length;
  }
  return total;
}
