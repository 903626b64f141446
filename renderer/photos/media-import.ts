import { lede, ledeBridge } from '../api/client';

export type UploadOutcome =
  | { status: 'imported' | 'duplicate'; sha256: string; name: string }
  | { status: 'failed' | 'cancelled'; name: string; reason?: string };

const IMAGE_NAME = /\.(jpe?g|png|gif|webp|tiff?|heic|heif|avif)$/i;
/** Uploads in flight at once: enough to keep core's import busy while the next file travels. */
const PARALLEL_UPLOADS = 3;

export interface ImportHandle {
  /** Resolves with one outcome per file once all are done (or the import was cancelled). */
  done: Promise<UploadOutcome[]>;
}

/**
 * Imports files the person dropped, pasted or picked in the page. In the
 * web shell each file's bytes are POSTed to /media/import (see ADR 0010);
 * progress arrives from core as media.importProgress events either way. In
 * Electron the preload hands the files' paths to main, which gives them to
 * core: the bytes never pass through the page.
 */
export async function importFiles(files: readonly File[], { folderPick = false } = {}): Promise<ImportHandle> {
  // From a folder, only pictures; files picked one by one are all tried (a wrong one is refused with a reason).
  const chosen = folderPick ? files.filter((file) => IMAGE_NAME.test(file.name) && !file.name.startsWith('.')) : [...files];
  const desktop = ledeBridge().desktop;
  if (desktop) {
    desktop.importDropped(chosen);
    return { done: Promise.resolve([]) };
  }
  if (chosen.length === 0) return { done: Promise.resolve([]) };
  const begun = await lede().invoke('media.importBegin', { total: chosen.length });
  if (!begun.ok) throw new Error(begun.error.message);
  const { importId } = begun.value;
  let cancelled = false;
  const off = lede().on('media.importProgress', (progress) => {
    if (progress.importId === importId && progress.state === 'cancelled') cancelled = true;
  });
  const outcomes: UploadOutcome[] = new Array(chosen.length);
  let next = 0;
  const lane = async () => {
    while (next < chosen.length) {
      const index = next++;
      const file = chosen[index]!;
      const name = displayName(file);
      outcomes[index] = cancelled ? { status: 'cancelled', name } : await uploadOne(importId, file, name);
    }
  };
  const done = Promise.all(Array.from({ length: PARALLEL_UPLOADS }, lane)).then(() => {
    off();
    return outcomes;
  });
  return { done };
}

/** A file from a folder pick keeps its place in the folder ("Card 1/DSC_0001.JPG"). */
function displayName(file: File): string {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return relative || file.name;
}

async function uploadOne(importId: string, file: File, name: string): Promise<UploadOutcome> {
  const url = `/media/import?importId=${encodeURIComponent(importId)}&name=${encodeURIComponent(name.split('/').pop() ?? name)}`;
  let reason: string;
  try {
    const response = await fetch(url, { method: 'POST', body: file, credentials: 'same-origin', headers: { 'Content-Type': 'application/octet-stream' } });
    const body = (await response.json().catch(() => null)) as { ok: boolean; value?: UploadOutcome; error?: { message: string } } | null;
    if (body?.ok && body.value) return { ...body.value, name };
    reason = body?.error?.message ?? `The workstation answered HTTP ${response.status}.`;
  } catch (error) {
    reason = `The upload did not get through (${error instanceof Error ? error.message : String(error)}).`;
  }
  // Core never saw this file: tell it, so the import counts it as refused and can finish.
  await lede().invoke('media.importUnsent', { importId, name, reason: reason.slice(0, 1000) });
  return { status: 'failed', name, reason };
}
