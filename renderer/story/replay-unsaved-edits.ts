import * as Y from 'yjs';
import { articleParts } from '../../shared/article-doc';
import { base64ToBytes, bytesToBase64 } from '../../shared/base64';
import type { LedeClient } from '../../shared/contract';
import type { UnsavedEdit, UnsavedEditsStore } from './unsaved-edits-store';

/** What a replay did, in words for the person at the screen (nothing to say: no words). */
export interface ReplayReport {
  /** Stories whose kept edits reached core. */
  delivered: number;
  /** One sentence per thing the person should know: edits kept but not delivered, entries unreadable. */
  problems: string[];
}

/**
 * When a page starts, edits that an earlier tab kept in this browser but core
 * never acknowledged (the tab was closed, the shell restarted: ADR 0068) are
 * delivered, for every story that has some, and then forgotten. A story
 * core refuses (gone from the library, or any other refusal) keeps its edits
 * and the person is told; an entry that is not a Yjs update is never applied,
 * is said, and is forgotten (it can never be applied).
 *
 * Another tab open on the same story at the same moment is harmless: Yjs
 * updates are idempotent, and only entries delivered here are forgotten.
 */
export async function replayUnsavedEdits(client: LedeClient, store: UnsavedEditsStore): Promise<ReplayReport> {
  const report: ReplayReport = { delivered: 0, problems: [] };
  const byStory = new Map<string, UnsavedEdit[]>();
  const unreadable: string[] = [];
  for (const entry of await store.readAll()) {
    const edit = readEntry(entry);
    if (!edit) {
      const key = (entry as { key?: unknown } | null)?.key;
      if (typeof key === 'string') unreadable.push(key);
      else report.problems.push('This browser holds an unsaved change Lede cannot read; it was not applied.');
      continue;
    }
    byStory.set(edit.storyId, [...(byStory.get(edit.storyId) ?? []), edit]);
  }
  if (unreadable.length > 0) {
    store.forget(unreadable);
    report.problems.push(
      `${unreadable.length === 1 ? 'One unsaved change' : `${unreadable.length} unsaved changes`} kept in this browser could not be read (damaged) and ${unreadable.length === 1 ? 'was' : 'were'} not applied.`,
    );
  }
  for (const [storyId, edits] of byStory) {
    const problem = await deliver(client, storyId, edits);
    if (problem) report.problems.push(problem);
    else {
      store.forget(edits.map((edit) => edit.key));
      report.delivered++;
    }
  }
  return report;
}

/** How many stories have edits kept in the store (readable or not, they are counted by their story). */
export async function storiesWithKeptEdits(store: UnsavedEditsStore): Promise<number> {
  const stories = new Set<unknown>();
  for (const entry of await store.readAll()) stories.add((entry as { storyId?: unknown } | null)?.storyId);
  return stories.size;
}

/** Opens the story in this session, sends its edits as one update, closes it: null when core has them. */
async function deliver(client: LedeClient, storyId: string, edits: UnsavedEdit[]): Promise<string | null> {
  const since = new Date(Math.min(...edits.map((edit) => edit.savedAt))).toLocaleString();
  const opened = await client.invoke('article.open', { id: storyId });
  if (!opened.ok) {
    const why = opened.error.code === 'not_found' ? 'the story is no longer in the library' : opened.error.message;
    return `Unsaved changes to a story (typed from ${since}) could not be saved: ${why}. They are kept in this browser.`;
  }
  const headline = headlineOf(opened.value.state);
  const update = edits.length === 1 ? edits[0]!.update : Y.mergeUpdates(edits.map((edit) => edit.update));
  const sent = await client.invoke('article.update', { id: storyId, update: bytesToBase64(update) });
  await client.invoke('article.close', { id: storyId });
  if (!sent.ok) return `Unsaved changes to “${headline}” (typed from ${since}) could not be saved: ${sent.error.message} They are kept in this browser.`;
  return null;
}

/** A stored entry, if it is one this code wrote: a string key and story, and bytes that decode as a Yjs update. */
function readEntry(entry: unknown): UnsavedEdit | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { key, storyId, update, savedAt } = entry as Record<string, unknown>;
  if (typeof key !== 'string' || typeof storyId !== 'string' || !(update instanceof Uint8Array) || typeof savedAt !== 'number') return null;
  try {
    // Decoding walks every struct: random bytes fail here, not in core.
    Y.decodeUpdate(update);
  } catch {
    return null;
  }
  return { key, storyId, update, savedAt };
}

function headlineOf(stateBase64: string): string {
  // The headline is for the message only; a story without one is named as such.
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base64ToBytes(stateBase64));
    const text = articleParts(doc).headline.toString().trim();
    doc.destroy();
    return text || 'a story without a headline';
  } catch {
    return 'a story';
  }
}
