import { lede, ledeBridge } from '../api/client';

export type UploadOutcome =
  | { status: 'imported' | 'duplicate'; sha256: string; name: string }
  | { status: 'failed' | 'cancelled'; name: string; reason?: string };

const IMAGE_NAME = /\.(jpe?g|png|gif|webp|tiff?|heic|heif|avif)$/i;
/** Uploads in flight at once: enough to keep core's import busy while the next file travels. */
const PARALLEL_UPLOADS = 3;

export interface ImportHandle {
  /**
   * Resolves with one outcome per file once all are done (or the import was
   * cancelled). In Electron, empty unless `outcomes` was asked for.
   */
  done: Promise<UploadOutcome[]>;
}

/**
 * Imports files the person dropped, pasted or picked in the page. In the
 * web shell each file's bytes are POSTed to /media/import (see ADR 0010);
 * progress arrives from core as media.importProgress events either way. In
 * Electron the preload hands the files' paths to main, which gives them to
 * core: the bytes never pass through the page.
 */
export async function importFiles(files: readonly File[], { folderPick = false, outcomes: wantOutcomes = false } = {}): Promise<ImportHandle> {
  // From a folder, only pictures; files picked one by one are all tried (a wrong one is refused with a reason).
  const chosen = folderPick ? files.filter((file) => IMAGE_NAME.test(file.name) && !file.name.startsWith('.')) : [...files];
  if (chosen.length === 0) return { done: Promise.resolve([]) };
  const desktop = ledeBridge().desktop;
  if (desktop) {
    // Only a caller that needs each photo (a drop into a story) pays for hashing the files here.
    if (wantOutcomes) return { done: importByPath(chosen, (files) => desktop.importDropped(files)) };
    desktop.importDropped(chosen);
    return { done: Promise.resolve([]) };
  }
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

/** How long a drop waits for its photos before it stops waiting (they still arrive in the photo desk). */
const DESKTOP_WAIT_MS = 10 * 60_000;

/**
 * Electron: the files go to core by their paths (main hands them over), so
 * no answer comes back per file. Their hashes are worked out here from the
 * same bytes, and the outcome of each is the photo with that hash turning up
 * in the library (a duplicate is there at once) before the import ends.
 */
async function importByPath(files: readonly File[], handOver: (files: readonly File[]) => number): Promise<UploadOutcome[]> {
  const hashes = await Promise.all(files.map(sha256Of));
  const waiting = new Set(hashes);
  const check = async () => {
    if (waiting.size === 0) return;
    const found = await lede().invoke('media.get', { sha256s: [...waiting] });
    if (found.ok) for (const item of found.value.items) waiting.delete(item.sha256);
  };
  let importEnded = false;
  let handedOver = -1;
  const settled = new Promise<void>((resolve) => {
    const timer = setTimeout(() => finish(), DESKTOP_WAIT_MS);
    const offChanged = lede().on('media.changed', ({ sha256s }) => {
      if (sha256s.some((sha) => waiting.has(sha))) void check().then(() => waiting.size === 0 && finish());
    });
    const offProgress = lede().on('media.importProgress', (progress) => {
      if (progress.state === 'running') return;
      void check().then(() => {
        importEnded = true;
        finish();
      });
    });
    function finish() {
      clearTimeout(timer);
      offChanged();
      offProgress();
      resolve();
    }
    void check().then(() => {
      if (waiting.size === 0) return finish();
      handedOver = handOver(files);
      if (handedOver === 0) finish();
    });
  });
  await settled;
  return files.map((file, index) => {
    const name = displayName(file);
    if (!waiting.has(hashes[index]!)) return { status: 'imported', sha256: hashes[index]!, name };
    const reason =
      handedOver === 0
        ? 'it is not a file on this computer (a picture pasted from another program); save it as a file and drop that.'
        : importEnded
          ? 'the photo desk’s import report says why.'
          : 'it is still being imported; insert it from Photos when it is there.';
    return { status: 'failed', name, reason };
  });
}

async function sha256Of(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
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
