import { lede } from '../api/client';
import { useApp } from '../state/app-store';
import { showToast } from '../ui/toast-store';

/** Actions on stories shared by the library and the story screen; each reports its outcome as a toast. */

export async function createStory(section?: string): Promise<void> {
  const result = await lede().invoke('article.create', section ? { section } : {});
  if (!result.ok) {
    showToast({ message: `Could not create a story: ${result.error.message}`, tone: 'error' });
    return;
  }
  useApp.getState().navigate({ screen: 'story', id: result.value.id, fresh: true });
}

export async function moveToTrash(id: string): Promise<boolean> {
  const result = await lede().invoke('article.trash', { id });
  if (!result.ok) {
    showToast({ message: `Could not move the story to the trash: ${result.error.message}`, tone: 'error' });
    return false;
  }
  showToast({ message: 'Moved to trash', action: { label: 'Undo', run: () => void restoreStory(id, false) } });
  return true;
}

export async function restoreStory(id: string, announce = true): Promise<boolean> {
  const result = await lede().invoke('article.restore', { id });
  if (!result.ok) {
    showToast({ message: `Could not restore the story: ${result.error.message}`, tone: 'error' });
    return false;
  }
  if (announce) showToast({ message: 'Story restored' });
  return true;
}

export async function purgeStory(id: string): Promise<boolean> {
  const result = await lede().invoke('article.purge', { id });
  if (!result.ok) {
    showToast({ message: `Could not delete the story: ${result.error.message}`, tone: 'error' });
    return false;
  }
  showToast({ message: 'Story deleted for good' });
  return true;
}
