import { lede, ledeBridge } from '../api/client';
import { OpenArticle } from './open-article';
import type { UnsavedEditsStore } from './unsaved-edits-store';

interface Entry {
  article: Promise<OpenArticle>;
  refs: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
}

const entries = new Map<string, Entry>();
const closing = new Map<string, Promise<void>>();
/** Every story opened and not yet closed, including ones still draining after their screen went away. */
const live = new Set<OpenArticle>();
let unloadGuard = false;
/** Where edits also wait until core has them (the web shell's browser storage, ADR 0068); none in Electron. */
let unsavedEdits: UnsavedEditsStore | undefined;

/** Stories opened from now on keep their waiting edits in `store` as well as in memory. */
export function keepUnsavedEditsIn(store: UnsavedEditsStore): void {
  unsavedEdits = store;
}

/**
 * One OpenArticle per story in this window, shared by whoever shows it, so
 * that every view of a story edits one Yjs document and sends its edits once.
 *
 * Core counts the opens of each session (a second `article.open` needs a
 * second `article.close`); here, closing waits a moment for a remount (React
 * mounts effects twice in development, or a quick Library → story → Library
 * → story) so the story is not reloaded, and a new open waits until an
 * earlier close has drained its edits, so they are never sent twice.
 */
export function acquireArticle(id: string): Promise<OpenArticle> {
  const existing = entries.get(id);
  if (existing) {
    existing.refs++;
    if (existing.closeTimer) clearTimeout(existing.closeTimer);
    existing.closeTimer = null;
    return existing.article;
  }
  const bridge = ledeBridge();
  const onConnection = bridge.onConnection?.bind(bridge);
  installUnloadGuard();
  const article = (closing.get(id) ?? Promise.resolve())
    .then(() => OpenArticle.open(lede(), id, onConnection, unsavedEdits))
    .then((opened) => {
      live.add(opened);
      return opened;
    });
  const entry: Entry = { article, refs: 1, closeTimer: null };
  entries.set(id, entry);
  // A story that failed to open is not kept: the next attempt tries again.
  article.catch(() => {
    if (entries.get(id) === entry) entries.delete(id);
  });
  return article;
}

/** Gives back a story from acquireArticle; the last one out drains its edits and closes it. */
export function releaseArticle(id: string): void {
  const entry = entries.get(id);
  if (!entry) return;
  entry.refs--;
  if (entry.refs > 0) return;
  entry.closeTimer = setTimeout(() => {
    if (entries.get(id) !== entry || entry.refs > 0) return;
    entries.delete(id);
    const done = entry.article
      .then(async (article) => {
        await article.close();
        live.delete(article);
      })
      .catch(() => undefined)
      .finally(() => {
        if (closing.get(id) === done) closing.delete(id);
      });
    closing.set(id, done);
  }, 100);
}

/** True while some edit in this window has not been acknowledged by core (it is not on disk yet). */
export function hasUnsavedEdits(): boolean {
  for (const article of live) if (article.hasUnsavedChanges) return true;
  return false;
}

/**
 * Closing the tab or window while an edit is on its way would lose it; the
 * browser then asks first. Installed once, for every story in this window.
 */
function installUnloadGuard(): void {
  if (unloadGuard) return;
  unloadGuard = true;
  window.addEventListener('beforeunload', (event) => {
    if (!hasUnsavedEdits()) return;
    event.preventDefault();
    // Older Chromium (and Electron) want returnValue set as well.
    event.returnValue = '';
  });
}
