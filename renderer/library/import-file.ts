import { bytesToBase64 } from '../../shared/base64';
import { IMPORT_FORMAT_LABELS, MAX_IMPORT_BYTES } from '../../shared/interchange';
import { lede } from '../api/client';
import { useApp } from '../state/app-store';
import { showToast } from '../ui/toast-store';

/**
 * A file from the file picker or dropped on the library becomes a new draft:
 * its bytes go to core (base64 over the API, the same in both shells), core
 * converts the whole file and only then creates the story, which opens.
 * What the import could not keep is said in a toast; a refusal too.
 */
export async function importStoryFile(file: File): Promise<boolean> {
  if (file.size > MAX_IMPORT_BYTES) {
    showToast({ message: `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; Lede imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, tone: 'error' });
    return false;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    showToast({ message: `“${file.name}” could not be read from the disk.`, tone: 'error' });
    return false;
  }
  const result = await lede().invoke('article.importFile', { name: file.name, bytes: bytesToBase64(bytes) });
  if (!result.ok) {
    showToast({ message: result.error.message, tone: 'error' });
    return false;
  }
  const { id, format, notes } = result.value;
  showToast({ message: [`Imported “${file.name}” (${IMPORT_FORMAT_LABELS[format]}) as a new draft.`, ...notes].join(' ') });
  useApp.getState().navigate({ screen: 'story', id });
  return true;
}
