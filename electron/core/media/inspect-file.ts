import { createHash } from 'node:crypto';
import { jpegMetadataBytes, sniffImage, type ImageFormat } from './image-sniff';
import { readImageMetadata, type ReadMetadata } from './metadata-read';

/** Metadata beyond this is refused: no real photo carries it, and parsing it costs memory and time. */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024;

export type Inspected =
  | { ok: true; sha256: string; format: ImageFormat; metadata: ReadMetadata; metadataMs: number }
  | { ok: false; reason: string };

/**
 * The CPU-bound first half of importing a file: its content hash, what it
 * is, and its metadata. Runs in a worker thread (media-worker.ts) so the
 * core's event loop stays free; pure so it can also run inline.
 */
export function inspectBytes(bytes: Uint8Array): Inspected {
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) return sniffed;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sniffed.format === 'jpeg') {
    const metadataBytes = jpegMetadataBytes(bytes);
    if (metadataBytes > MAX_METADATA_BYTES) {
      return {
        ok: false,
        reason: `Its metadata segments hold ${(metadataBytes / 1024 / 1024).toFixed(1)} MB; Lede accepts up to ${MAX_METADATA_BYTES / 1024 / 1024} MB.`,
      };
    }
  }
  const started = performance.now();
  let metadata: ReadMetadata;
  try {
    metadata = readImageMetadata(bytes);
  } catch (error) {
    return { ok: false, reason: `Its metadata cannot be read (${error instanceof Error ? error.message : String(error)}).` };
  }
  return { ok: true, sha256, format: sniffed.format, metadata, metadataMs: performance.now() - started };
}

export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'The file is gone (moved or deleted before it could be read).';
  if (code === 'EACCES' || code === 'EPERM') return 'Lede is not allowed to read this file.';
  if (code === 'EISDIR') return 'This is a folder, not a file.';
  return `The file cannot be read (${error instanceof Error ? error.message : String(error)}).`;
}
