import sharp from 'sharp';

// Each photo is decoded once: libvips' operation cache would only hold on to memory (50 MB by default).
sharp.cache(false);

/** Larger than any camera's sensor; a file that claims more is a decompression bomb or a mistake. */
export const MAX_INPUT_PIXELS = 200_000_000;
/**
 * 1000 px fills a story's figure column, and it is the largest size at which
 * the JPEG decoder can shrink every common camera frame by 4 (12 MP, 4000 px)
 * or 8 (45 MP, 8192 px) while it decodes.
 */
export const PREVIEW_SIZE = 1000;
export const THUMB_SIZE = 400;
/**
 * The loupe's fit view (ADR 0070): the long side of a full-window view on a
 * large screen. An embedded preview is used instead of decoding the picture
 * when its long side reaches LOUPE_EMBEDDED_MIN (a camera's 1620–2048 px
 * preview fills a laptop's window); a smaller one (a 160 px EXIF thumbnail)
 * would be a blur.
 */
export const LOUPE_SIZE = 2560;
export const LOUPE_EMBEDDED_MIN = 1280;

export interface Thumbnail {
  /** Pixel size as the picture is seen (EXIF orientation applied). */
  width: number;
  height: number;
  thumb: Buffer;
}

/** A refusal with a sentence for the person importing. */
export class RenditionError extends Error {}

// 'warning': a picture the decoder has to guess at (bad chunks, corrupt scans) is refused, not imported half grey.
const DECODE_OPTIONS = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' } as const;

/**
 * What import makes of an image: its seen size and its 400 px thumbnail,
 * upright as EXIF orientation says. Decoding it whole is also the check that
 * the picture is sound, so a damaged file is refused here, at import. sharp
 * works on libuv's threads, off the event loop, and shrinks a camera JPEG
 * by 8 while decoding it. The preview is not made here (ADR 0015): most photos of
 * a shoot never go into a story, and the larger decode would cost the import
 * a third of its speed.
 */
export async function makeThumbnail(data: Buffer): Promise<Thumbnail> {
  const { width, height } = await seenSize(data);
  const thumb = await rendition(data, width, height, THUMB_SIZE, 78);
  return { width, height, thumb };
}

/** The 1000 px preview a story's figure shows, made from the original the first time it is asked for. */
export async function makePreview(data: Buffer): Promise<Buffer> {
  const { width, height } = await seenSize(data);
  return rendition(data, width, height, PREVIEW_SIZE, 82);
}

/**
 * The loupe's picture: the file's embedded preview when it is large enough
 * (turned upright as the file's orientation says, which costs a decode of
 * the small preview, not of the picture), otherwise the picture itself
 * decoded and shrunk to LOUPE_SIZE.
 */
export async function makeLoupe(data: Buffer, embedded: { image: Buffer; width: number; height: number } | null): Promise<{ image: Buffer; from: 'embedded' | 'decoded' }> {
  if (embedded && Math.max(embedded.width, embedded.height) >= LOUPE_EMBEDDED_MIN) {
    const orientation = (await sharp(data, { limitInputPixels: false }).metadata()).orientation ?? 1;
    if (orientation === 1) return { image: embedded.image, from: 'embedded' };
    return { image: await upright(embedded.image, orientation), from: 'embedded' };
  }
  const { width, height } = await seenSize(data);
  return { image: await rendition(data, width, height, LOUPE_SIZE, 85), from: 'decoded' };
}

/**
 * A picture without EXIF of its own (an embedded preview) turned as its
 * file's orientation says. Mirrored orientations (2, 4, 5, 7) are mirrored
 * first, losslessly in raw pixels, then turned: one order, whatever order
 * sharp would give two operations in one pipeline.
 */
async function upright(image: Buffer, orientation: number): Promise<Buffer> {
  const mirrored = orientation === 2 || orientation === 4 || orientation === 5 || orientation === 7;
  // Clockwise turn after the mirror (EXIF 5 is a transpose: mirror, then 270°).
  const turn = ({ 2: 0, 3: 180, 4: 180, 5: 270, 6: 90, 7: 90, 8: 270 } as Record<number, number>)[orientation] ?? 0;
  let pipeline = sharp(image, DECODE_OPTIONS);
  if (mirrored) {
    const { data, info } = await pipeline.flop().raw().toBuffer({ resolveWithObject: true });
    pipeline = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  }
  return pipeline.rotate(turn).jpeg({ quality: 85 }).toBuffer();
}

/** Width and height as seen, from the header only: the pixel limit is checked here, so the refusal can name the size the file claims. */
async function seenSize(data: Buffer): Promise<{ width: number; height: number }> {
  let width = 0;
  let height = 0;
  try {
    const meta = await sharp(data, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
    width = meta.width ?? 0;
    height = meta.height ?? 0;
    if (width * height > MAX_INPUT_PIXELS) throw new RenditionError(bombMessage(width, height));
    if (width === 0 || height === 0) throw new RenditionError('The image declares no size.');
    if ((meta.orientation ?? 1) >= 5) [width, height] = [height, width];
    return { width, height };
  } catch (error) {
    throw explain(error, width, height, data);
  }
}

async function rendition(data: Buffer, width: number, height: number, size: number, quality: number): Promise<Buffer> {
  try {
    return await sharp(data, DECODE_OPTIONS)
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality })
      .toBuffer();
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
