import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { fixturePath } from './fixtures';

/**
 * Images made for the photo desk's tests: real JPEGs from sharp, and the bad
 * files the issue names, built byte by byte (nothing is copied into the repo).
 */
export async function makeJpeg(width: number, height: number, options: { orientation?: number; color?: string } = {}): Promise<Buffer> {
  let image = sharp({ create: { width, height, channels: 3, background: options.color ?? '#3366aa' } });
  // A stripe on the left edge, so a rotated thumbnail can be told from an unrotated one.
  image = image.composite([{ input: { create: { width: Math.max(1, Math.floor(width / 5)), height, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }]);
  const jpeg = image.jpeg({ quality: 80 });
  return options.orientation ? jpeg.withMetadata({ orientation: options.orientation }).toBuffer() : jpeg.toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid-looking PNG that declares 50,000 × 50,000 pixels (2.5 gigapixels): a decompression bomb. */
export function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(50_000, 0);
  header.writeUInt32BE(50_000, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const idat = zlib.deflateSync(Buffer.alloc(50_001 * 4)); // a few rows of zeros; the rest "would follow"
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A small real JPEG with `segments` APP1 segments of 64 KB each inserted after its start marker. */
export async function jpegWithGiantMetadata(segments = 300): Promise<Buffer> {
  const jpeg = await makeJpeg(32, 32);
  const payload = Buffer.alloc(65_533, 0x58);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, 0xff, 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), ...Array.from({ length: segments }, () => segment), jpeg.subarray(2)]);
}

/** The camera fixture cut off at 60%, like a copy interrupted when the card was pulled. */
export function truncatedJpeg(): Buffer {
  const whole = fs.readFileSync(fixturePath('images', 'exif.JPG'));
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** Writes the bad files the issue lists into `dir`; returns their names with the reason words expected. */
export async function writeBadFiles(dir: string): Promise<Record<string, RegExp>> {
  fs.writeFileSync(path.join(dir, 'zero.jpg'), Buffer.alloc(0));
  fs.writeFileSync(path.join(dir, 'notes.jpg'), 'Call the desk about the Wigan pictures.\n');
  fs.writeFileSync(path.join(dir, 'truncated.jpg'), truncatedJpeg());
  fs.writeFileSync(path.join(dir, 'bomb.png'), pngBomb());
  fs.writeFileSync(path.join(dir, 'huge-metadata.jpg'), await jpegWithGiantMetadata());
  fs.writeFileSync(path.join(dir, 'report.pdf.jpg'), Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'));
  fs.copyFileSync(fixturePath('images', 'broken', 'malformedchunks.png'), path.join(dir, 'malformedchunks.png'));
  return {
    'zero.jpg': /empty \(0 bytes\)/,
    'notes.jpg': /text file, not an image/,
    'truncated.jpg': /truncated/,
    'bomb.png': /50,000 × 50,000 pixels.*decompression bomb/,
    'huge-metadata.jpg': /metadata segments hold 18\.\d MB/,
    'report.pdf.jpg': /PDF document/,
    'malformedchunks.png': /damaged/,
  };
}
