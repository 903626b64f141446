import fs from 'node:fs';
import path from 'node:path';
import { FORMAT_EXTENSIONS, FORMAT_MIME, type ImageFormat } from './image-sniff';

/**
 * Where media files live under the data folder, by content hash:
 * `media/originals/ab/abcdef….jpg` (the file exactly as imported, never
 * changed), `media/previews/ab/abcdef….jpg` and `media/thumbs/ab/abcdef….jpg`.
 * A hash and a variant name are the only way in; nothing else maps to a path.
 */
export const MEDIA_VARIANTS = ['thumb', 'preview', 'original'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

export function isMediaVariant(value: unknown): value is MediaVariant {
  return typeof value === 'string' && (MEDIA_VARIANTS as readonly string[]).includes(value);
}

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
  if (!isSha256(sha256) || !isMediaVariant(variant)) return null;
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
