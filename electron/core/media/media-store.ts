import fs from 'node:fs';
import path from 'node:path';
import { isMediaHash } from '../../../shared/media-hash';
import { isMediaVariant, type MediaVariant } from '../../../shared/media-variants';
import { FORMAT_EXTENSIONS, FORMAT_MIME, type ImageFormat } from './image-sniff';

/**
 * Where media files live under the data folder, by content hash:
 * `media/originals/ab/abcdef….jpg` (the file exactly as imported, never
 * changed), `media/previews/ab/abcdef….jpg` and `media/thumbs/ab/abcdef….jpg`.
 * A hash and a variant name are the only way in; nothing else maps to a path.
 */
export function mediaRoot(dataDir: string): string {
  return path.join(dataDir, 'media');
}

const FOLDERS: Record<MediaVariant, string> = { thumb: 'thumbs', preview: 'previews', original: 'originals' };

export function variantPath(dataDir: string, sha256: string, variant: MediaVariant, format?: ImageFormat): string {
  const extension = variant === 'original' ? FORMAT_EXTENSIONS[format ?? 'jpeg'] : 'jpg';
  return path.join(mediaRoot(dataDir), FOLDERS[variant], sha256.slice(0, 2), `${sha256}.${extension}`);
}

const MIME_BY_EXTENSION: Record<string, string> = Object.fromEntries(
  Object.entries(FORMAT_EXTENSIONS).map(([format, extension]) => [extension, FORMAT_MIME[format as ImageFormat]]),
);

export interface ResolvedMedia {
  file: string;
  size: number;
  contentType: string;
}

/**
 * The stored file behind `<sha256>/<variant>`, or null. Fails closed: a
 * malformed hash, an unknown variant or a hash Lede never stored is null.
 * Used by both shells' media routes; needs no database.
 */
export async function resolveMediaFile(dataDir: string, sha256: unknown, variant: unknown): Promise<ResolvedMedia | null> {
  if (!isMediaHash(sha256) || !isMediaVariant(variant)) return null;
  let file: string;
  if (variant === 'original') {
    const folder = path.join(mediaRoot(dataDir), FOLDERS.original, sha256.slice(0, 2));
    const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
    const name = names.find((entry) => entry.startsWith(`${sha256}.`) && !entry.endsWith('.part'));
    if (!name) return null;
    file = path.join(folder, name);
  } else {
    file = variantPath(dataDir, sha256, variant);
  }
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return null;
    const extension = path.extname(file).slice(1);
    return { file, size: stat.size, contentType: MIME_BY_EXTENSION[extension] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` over a file of `size` bytes: the range to send, null
 * for "send it all" (no or unusable header), or 'unsatisfiable' (416).
 * Multiple ranges are answered with the whole file, which HTTP allows.
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return null;
  let start: number;
  let end: number;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
