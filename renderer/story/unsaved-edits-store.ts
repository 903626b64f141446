/**
 * Where a story's edits wait, in the browser itself, until core acknowledged
 * them (ADR 0068). The copy in OpenArticle's memory dies with the tab; this
 * one survives the tab being closed and the web shell restarting, and the
 * next page that signs in delivers it (replay-unsaved-edits.ts).
 *
 * One entry per Yjs update, under a key that names the tab that wrote it: a
 * tab deletes only the entries it wrote itself, once core acknowledged them,
 * so two tabs on one story never delete each other's waiting edits. Yjs
 * updates are idempotent: an entry delivered twice (by its tab and by a
 * replay) changes nothing the second time, which keeps every rule here simple.
 */

export interface UnsavedEdit {
  key: string;
  storyId: string;
  update: Uint8Array;
  /** When it was typed (ms since epoch), for the person reading a report. */
  savedAt: number;
}

export interface UnsavedEditsStore {
  /** Keeps an edit under a new key of this tab's, which it answers; written in call order, before that key's `forget`. */
  keep(storyId: string, update: Uint8Array): string;
  /** Forgets edits core acknowledged. */
  forget(keys: readonly string[]): void;
  /** Every entry stored, as stored: a replay checks each one before trusting it. */
  readAll(): Promise<unknown[]>;
  /** False once the browser refused to store (private mode, quota, storage turned off). */
  keepsInBrowser(): boolean;
}

const DB_NAME = 'lede-unsaved-edits';
const STORE = 'edits';

/**
 * The IndexedDB store. A browser that cannot or will not store is said once
 * (`onProblem`); edits then live in the tab's memory only, as before.
 */
export function openBrowserEditsStore(onProblem: (message: string) => void): UnsavedEditsStore {
  const tab = newTabKey();
  let written = 0;
  let working = true;
  const fail = (error: unknown) => {
    if (!working) return;
    working = false;
    onProblem(
      `This browser did not let Lede keep unsaved changes on this computer (${describe(error)}). They are kept in this tab only: keep it open until the story says “Saved”.`,
    );
  };
  const database = openDatabase().catch((error: unknown) => {
    fail(error);
    return null;
  });
  // Transactions are created in call order, and IndexedDB runs overlapping
  // read-write transactions in the order they were created: a `forget` can
  // never overtake the `keep` of the same edit.
  const write = (work: (store: IDBObjectStore) => void) => {
    void database.then((db) => {
      if (!db) return;
      try {
        const transaction = db.transaction(STORE, 'readwrite');
        transaction.onabort = () => fail(transaction.error ?? 'the write was cancelled');
        work(transaction.objectStore(STORE));
      } catch (error) {
        fail(error);
      }
    });
  };
  return {
    keep(storyId, update) {
      const edit: UnsavedEdit = { key: `${tab}:${++written}`, storyId, update, savedAt: Date.now() };
      write((store) => void store.put(edit));
      return edit.key;
    },
    forget(keys) {
      if (keys.length === 0) return;
      write((store) => {
        for (const key of keys) store.delete(key);
      });
    },
    async readAll() {
      const db = await database;
      if (!db) return [];
      return new Promise<unknown[]>((resolve) => {
        try {
          const request = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => {
            fail(request.error);
            resolve([]);
          };
        } catch (error) {
          fail(error);
          resolve([]);
        }
      });
    },
    keepsInBrowser: () => working,
  };
}

/** Names this page load: a reload or another tab writes under another name. */
function newTabKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') throw new Error('storage is turned off');
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('it could not be opened'));
  });
}

function describe(error: unknown): string {
  if (error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)) return error.message || error.name;
  return String(error);
}
