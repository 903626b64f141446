import { CULL_LABEL_NAMES, CULL_LABELS, type CullValues } from '../../shared/media-cull';
import { lede } from '../api/client';
import { countLabel } from '../ui/format';
import { showToast, useToasts } from '../ui/toast-store';

/**
 * The culling keys (ADR 0070), as on Photo Mechanic and Lightroom: 0–5 set
 * the stars, 6–9 the colour label (red, yellow, green, blue; pressing the
 * photos' own label again takes it off), T toggles the tag, X the
 * rejection. The grid applies them to its selection, the loupe to its photo.
 */
export const CULL_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'T', 'x', 'X'] as const;

/** A key press meant for culling: no modifier held, and not typed into a field. */
export function isCullKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (!(CULL_KEYS as readonly string[]).includes(event.key)) return false;
  return !isTyping(event.target);
}

/** Whether a key event comes from a place where keys are text (a field, a select, an editor). */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element?.closest?.('input, textarea, select, [contenteditable="true"]');
}

/**
 * What a culling key sets on photos whose values are `current` (a toggle
 * needs to know them: T tags the selection unless every photo in it is
 * tagged already, then it untags them all). Null for any other key.
 */
export function cullForKey(key: string, current: readonly CullValues[]): Partial<CullValues> | null {
  if (/^[0-5]$/.test(key)) return { rating: Number(key) };
  if (/^[6-9]$/.test(key)) {
    const label = CULL_LABELS[Number(key) - 6]!;
    return { label: current.length > 0 && current.every((values) => values.label === label) ? 'none' : label };
  }
  if (key === 't' || key === 'T') return { tagged: !(current.length > 0 && current.every((values) => values.tagged)) };
  if (key === 'x' || key === 'X') return { rejected: !(current.length > 0 && current.every((values) => values.rejected)) };
  return null;
}

/** "4 stars", "Red label", "Tagged", "Rejected"… what the notice says was done. */
export function describeCullChange(set: Partial<CullValues>): string {
  const parts: string[] = [];
  if (set.rating !== undefined) parts.push(set.rating === 0 ? 'Stars cleared' : set.rating === 1 ? '1 star' : `${set.rating} stars`);
  if (set.label !== undefined) parts.push(set.label === 'none' ? 'Label cleared' : `${CULL_LABEL_NAMES[set.label]} label`);
  if (set.tagged !== undefined) parts.push(set.tagged ? 'Tagged' : 'Tag removed');
  if (set.rejected !== undefined) parts.push(set.rejected ? 'Rejected' : 'Rejection taken back');
  return parts.join(', ');
}

/** The newest culling notice: a burst of keys keeps one notice (the newest step's), not a tower of them. */
let shownNotice: number | null = null;

export interface CulledPhoto {
  sha256: string;
  filename: string;
  cull: CullValues;
}

/**
 * Sends one culling change for the photos and raises a notice with Undo
 * (Mod+Z on the desk): undo gives each photo its own earlier value back,
 * grouped so it is one call per distinct value. Resolves with whether core
 * stored it.
 */
export async function sendCull(photos: readonly CulledPhoto[], set: Partial<CullValues>, onStored: () => void): Promise<boolean> {
  if (photos.length === 0) return false;
  const result = await lede().invoke('media.cull', { sha256s: photos.map((photo) => photo.sha256), set });
  if (!result.ok) {
    showToast({ message: `Not saved: ${result.error.message}`, tone: 'error' });
    return false;
  }
  onStored();
  const what = photos.length === 1 ? photos[0]!.filename : countLabel(photos.length, 'photo', 'photos');
  if (shownNotice !== null) useToasts.getState().dismiss(shownNotice);
  shownNotice = showToast({
    message: `${what}: ${describeCullChange(set)}.`,
    action: { label: 'Undo', undo: true, run: () => void undoCull(photos, set).then(onStored) },
  });
  return true;
}

async function undoCull(photos: readonly CulledPhoto[], set: Partial<CullValues>): Promise<void> {
  for (const key of Object.keys(set) as Array<keyof CullValues>) {
    const byValue = new Map<string, { value: CullValues[typeof key]; sha256s: string[] }>();
    for (const photo of photos) {
      const value = photo.cull[key];
      const group = byValue.get(String(value)) ?? { value, sha256s: [] };
      group.sha256s.push(photo.sha256);
      byValue.set(String(value), group);
    }
    for (const { value, sha256s } of byValue.values()) {
      const result = await lede().invoke('media.cull', { sha256s, set: { [key]: value } as Partial<CullValues> });
      if (!result.ok) showToast({ message: `Not undone: ${result.error.message}`, tone: 'error' });
    }
  }
}
