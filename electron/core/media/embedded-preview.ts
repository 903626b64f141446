import ExifReader from 'exifreader';
import sharp from 'sharp';

/**
 * The JPEG pictures a file carries beside its own (ADR 0070), the way Photo
 * Mechanic shows a photo before it could decode it: the EXIF thumbnail
 * (IFD1) and the images of a Multi-Picture (MPF) file, where cameras put a
 * large preview after the picture. Reading them costs a parse of the
 * metadata and of each candidate's header, never a decode of the picture.
 */
export interface EmbeddedPreview {
  image: Buffer;
  /** As stored (before the file's orientation is applied). */
  width: number;
  height: number;
}

type Loaded = {
  Thumbnail?: { image?: ArrayBufferLike | Buffer };
  mpf?: { Images?: Array<{ image?: ArrayBufferLike | Buffer }> };
  Images?: Array<{ image?: ArrayBufferLike | Buffer }>;
};

/** The largest embedded JPEG of a file, or null when it has none (or none that decodes as a JPEG header). */
export async function largestEmbeddedPreview(bytes: Buffer): Promise<EmbeddedPreview | null> {
  let tags: Loaded;
  try {
    tags = ExifReader.load(bytes, { expanded: true, includeUnknown: false, includeTags: { thumbnail: true, mpf: true } }) as unknown as Loaded;
  } catch {
    return null;
  }
  const images = tags.mpf?.Images ?? tags.Images ?? [];
  // The first MPF entry is the picture itself; the others are its previews.
  const candidates = [tags.Thumbnail?.image, ...images.slice(1).map((entry) => entry.image)].filter((image): image is ArrayBufferLike | Buffer => image !== undefined);
  let best: EmbeddedPreview | null = null;
  for (const candidate of candidates) {
    const image = Buffer.isBuffer(candidate) ? candidate : Buffer.from(candidate as ArrayBuffer);
    if (image[0] !== 0xff || image[1] !== 0xd8) continue;
    try {
      const { width = 0, height = 0, format } = await sharp(image).metadata();
      if (format !== 'jpeg' || width === 0 || height === 0) continue;
      if (!best || width * height > best.width * best.height) best = { image, width, height };
    } catch {
      // A damaged embedded preview is no preview: the picture itself is decoded instead.
    }
  }
  return best;
}
