import type { MediaFields } from '../../shared/media-fields';
import type { TemplateMode } from '../../shared/photo-templates';
import { lede } from '../api/client';
import { countLabel } from '../ui/format';
import { showToast } from '../ui/toast-store';

/**
 * Applies a template's filled-in values through core, which decides each
 * field against the photo as it is then (ADR 0062), and reports it in a
 * notice whose "Undo" (or Mod+Z on the desk) takes the whole application back.
 */
export async function applyTemplateToPhotos(
  name: string,
  changes: Array<{ sha256: string; fields: Partial<MediaFields> }>,
  mode: TemplateMode,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const result = await lede().invoke('media.applyTemplate', { changes, mode });
  // Said in the dialog that is still open (a notice would sit behind it); nothing was written.
  if (!result.ok) return { ok: false, message: `Template not applied: ${result.error.message}` };
  const { applicationId, changed, kept } = result.value;
  const keptNote = kept > 0 ? ` ${countLabel(kept, 'field', 'fields')} with text kept.` : '';
  if (!applicationId) {
    showToast({ message: `“${name}” changed nothing: every field already had text or the same value.${keptNote}` });
    return { ok: true };
  }
  showToast({
    message: `“${name}” applied to ${countLabel(changed.length, 'photo', 'photos')}.${keptNote}`,
    action: { label: 'Undo', undo: true, run: () => void undoTemplateApplication(name, applicationId) },
  });
  return { ok: true };
}

async function undoTemplateApplication(name: string, applicationId: string): Promise<void> {
  const result = await lede().invoke('media.undoTemplate', { applicationId });
  if (!result.ok) {
    showToast({ message: `Not undone: ${result.error.message}`, tone: 'error' });
    return;
  }
  const { restored, skipped } = result.value;
  if (restored.length === 0) {
    showToast({ message: `“${name}” not undone: every field it wrote was changed since, and those changes stay.` });
    return;
  }
  const skippedNote = skipped.length > 0 ? ` ${countLabel(skipped.length, 'field', 'fields')} changed since ${skipped.length === 1 ? 'was' : 'were'} left as ${skipped.length === 1 ? 'it is' : 'they are'}.` : '';
  showToast({ message: `“${name}” undone on ${countLabel(restored.length, 'photo', 'photos')}.${skippedNote}` });
}
