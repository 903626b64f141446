import sharp from 'sharp';

// Each photo is decoded once: libvips' operation cache would only hold on to memory (50 MB by default).
sharp.cache(false);

/** Larger than any camera's sensor; a file that claims more is a decompression bomb or a mistake. */
export const MAX_INPUT_PIXELS = 200_000_000;
// 1200 px fills a figure on any screen, and lets the decoder shrink camera JPEGs by 4 on load (1600 would allow only 2).
export const PREVIEW_SIZE = 1200;
export const THUMB_SIZE = 400;

export interface Renditions {
  /** Pixel size as the picture is seen (EXIF orientation applied). */
  width: number;
  height: number;
  preview: Buffer;
  thumb: Buffer;
}

/** A refusal with a sentence for the person importing. */
export class RenditionError extends Error {}

/**
 * The preview (long edge 1200 px) and thumbnail (400 px) of an image, upright
 * as EXIF orientation says. sharp works on libuv's threads, off the event
 * loop. The image is decoded once, shrunk on load to about the preview's
 * size, into raw pixels; both renditions are encoded from those pixels.
 */
export async function makeRenditions(data: Buffer): Promise<Renditions> {
  // 'warning': a picture the decoder has to guess at (bad chunks, corrupt scans) is refused, not imported half grey.
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' } as const;
  let width = 0;
  let height = 0;
  try {
    // The header only: the pixel limit is checked here, so the refusal can name the size the file claims.
    const meta = await sharp(data, { ...options, limitInputPixels: false }).metadata();
    width = meta.width ?? 0;
    height = meta.height ?? 0;
    if (width * height > MAX_INPUT_PIXELS) throw new RenditionError(bombMessage(width, height));
    if (width === 0 || height === 0) throw new RenditionError('The image declares no size.');
    if ((meta.orientation ?? 1) >= 5) [width, height] = [height, width];
  } catch (error) {
    throw explain(error, width, height, data);
  }
  try {
    const pixels = await sharp(data, options)
      .rotate()
      .resize({ width: PREVIEW_SIZE, height: PREVIEW_SIZE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels } };
    const [preview, thumb] = await Promise.all([
      sharp(pixels.data, raw).jpeg({ quality: 82 }).toBuffer(),
      sharp(pixels.data, raw).resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer(),
    ]);
    return { width, height, preview, thumb };
  } catch (error) {
    throw explain(error, width, height, data);
  }
}

function bombMessage(width: number, height: number): string {
  return `The image claims ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels; Lede accepts up to ${MAX_INPUT_PIXELS / 1_000_000} megapixels (this looks like a decompression bomb).`;
}

function explain(error: unknown, width: number, height: number, data: Buffer): RenditionError {
  if (error instanceof RenditionError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new RenditionError(bombMessage(width, height));
  if (/premature end|truncated|unexpected end|end of (file|input|stream)/i.test(message) || looksTruncatedJpeg(data)) {
    return new RenditionError('The image is truncated: the file ends before the picture does.');
  }
  if (/unsupported image format|bad seek|heif/i.test(message)) {
    return new RenditionError(`Lede cannot decode this kind of image (${firstLine(message)}).`);
  }
  if (/failOn|warning/i.test(message)) return new RenditionError('The image data is damaged: the decoder found errors in it.');
  return new RenditionError(`The image is damaged and cannot be decoded (${firstLine(message)}).`);
}

/** A JPEG whose end-of-image marker is missing from its last 4 KB was cut off (copy interrupted, card pulled). */
function looksTruncatedJpeg(data: Buffer): boolean {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return false;
  const tail = data.subarray(Math.max(0, data.length - 4096));
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
  return true;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 200);
}
