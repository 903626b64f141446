import fs from 'node:fs';
import path from 'node:path';
import { isMediaHash } from '../../../shared/media-hash';
import { MEDIA_VARIANTS, isMediaVariant, type MediaVariant } from '../../../shared/media-variants';
import { FORMAT_EXTENSIONS, FORMAT_MIME, type ImageFormat } from './image-sniff';

/**
 * Where media files live under the data folder, by content hash:
 * `media/originals/ab/abcdef….jpg` (the file exactly as imported, never
 * changed, with its format's extension), `media/previews/ab/abcdef….jpg` and
 * `media/thumbs/ab/abcdef….jpg`; uploads wait in `media/incoming/`. This
 * module is the only one that knows the layout: a hash and a variant name are
 * the only way in, and nothing else maps to a path.
 */
function mediaRoot(dataDir: string): string {
  return path.join(dataDir, 'media');
}

/** Where uploaded and downloaded files wait while they are imported; emptied when core closes. */
export function mediaIncomingDir(dataDir: string): string {
  return path.join(mediaRoot(dataDir), 'incoming');
}

const FOLDERS: Record<MediaVariant, string> = { thumb: 'thumbs', preview: 'previews', loupe: 'loupes', original: 'originals' };

function variantFolder(dataDir: string, sha256: string, variant: MediaVariant): string {
  return path.join(mediaRoot(dataDir), FOLDERS[variant], sha256.slice(0, 2));
}

/** Where a variant is written. Renditions are always JPEG; an original keeps its format's extension. */
export function variantPath(dataDir: string, sha256: string, variant: MediaVariant, format?: ImageFormat): string {
  const extension = variant === 'original' ? FORMAT_EXTENSIONS[format ?? 'jpeg'] : 'jpg';
  return path.join(variantFolder(dataDir, sha256, variant), `${sha256}.${extension}`);
}

/** The stored original among a folder's names: its extension is not known in advance, and a `.part` is an unfinished write. */
function originalIn(folder: string, names: readonly string[], sha256: string): string | null {
  const name = names.find((entry) => entry.startsWith(`${sha256}.`) && !entry.endsWith('.part'));
  return name ? path.join(folder, name) : null;
}

/** The stored original's path, or null (a malformed hash is null too). */
export async function findOriginal(dataDir: string, sha256: string): Promise<string | null> {
  if (!isMediaHash(sha256)) return null;
  const folder = variantFolder(dataDir, sha256, 'original');
  return originalIn(folder, await fs.promises.readdir(folder).catch(() => [] as string[]), sha256);
}

/** As findOriginal, for callers that must answer at once (sync asks whether this computer has a file). */
export function findOriginalSync(dataDir: string, sha256: string): string | null {
  if (!isMediaHash(sha256)) return null;
  const folder = variantFolder(dataDir, sha256, 'original');
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return null;
  }
  return originalIn(folder, names, sha256);
}

/** Deletes every stored file of a photo: its original and its renditions. */
export async function removeMediaFiles(dataDir: string, sha256: string): Promise<void> {
  if (!isMediaHash(sha256)) return;
  // Normally one original; an interrupted import may have left another extension.
  for (let i = 0; i < 8; i++) {
    const original = await findOriginal(dataDir, sha256);
    if (!original) break;
    await fs.promises.rm(original, { force: true });
  }
  for (const variant of MEDIA_VARIANTS) if (variant !== 'original') await fs.promises.rm(variantPath(dataDir, sha256, variant), { force: true });
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
  const file = variant === 'original' ? await findOriginal(dataDir, sha256) : variantPath(dataDir, sha256, variant);
  if (!file) return null;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return null;
    const extension = path.extname(file).slice(1);
    return { file, size: stat.size, contentType: MIME_BY_EXTENSION[extension] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
