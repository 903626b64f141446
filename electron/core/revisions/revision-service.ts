import { articleDocName } from '../../../shared/documents/article-kind';
import { readStory } from '../../../shared/article-body';
import { readStatus, articleParts } from '../../../shared/article-doc';
import { LedeError } from '../../../shared/errors';
import { RESTORABLE_PARTS, statusAfterRestore, type RestorablePart, type RevisionReason, type RevisionSummary } from '../../../shared/revisions/revision';
import type { Status } from '../../../shared/model';
import { attributeDiff, type AttributedStoryDiff } from '../../../shared/revisions/attribution';
import { diffStories } from '../../../shared/revisions/story-diff';
import { isReadOnlyStatus } from '../../../shared/status';
import { CORE_ORIGIN, SYNC_ORIGIN, type LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import { applyRestore } from './apply-restore';
import type { RevisionStore } from './revision-store';

export interface RevisionServiceOptions {
  /** Quiet time after the last edit before an "editing" checkpoint is taken. */
  idleMs: number;
  /** Longest stretch of continuous editing without a checkpoint. */
  maxDirtyMs: number;
}

interface Dirty {
  since: number;
  timer: NodeJS.Timeout;
}

/**
 * A story's history: checkpoints on status changes (asked for by the
 * workflow), after a few quiet minutes of editing (idle-based: a checkpoint is
 * taken once the typing stops, or after `maxDirtyMs` of continuous editing),
 * on import and around a restore. A restore is a new change made by core, so
 * it is stored, broadcast and later synced like any edit.
 */
export class RevisionService {
  private readonly dirty = new Map<string, Dirty>();
  private changedListener: ((id: string) => void) | null = null;

  constructor(
    private readonly live: LiveDocs,
    private readonly store: RevisionStore,
    private readonly author: () => string,
    private readonly log: Logger,
    private readonly options: RevisionServiceOptions,
  ) {}

  /** Called with a story id whenever its history gained an entry. */
  onChanged(listener: (id: string) => void): void {
    this.changedListener = listener;
  }

  /**
   * A person's edit was stored: (re)start the quiet-time clock. Core's own
   * changes checkpoint themselves; a colleague's, arriving by sync, are in
   * the versions their own laptop takes and shares (ADR 0073), so a version
   * taken here names only what was done here.
   */
  noteEdit(id: string, origin: string): void {
    if (origin === CORE_ORIGIN || origin === SYNC_ORIGIN) return;
    const now = Date.now();
    const current = this.dirty.get(id);
    if (current) clearTimeout(current.timer);
    const since = current?.since ?? now;
    if (now - since >= this.options.maxDirtyMs) {
      this.dirty.delete(id);
      this.checkpoint(id, 'editing', '');
      return;
    }
    const timer = setTimeout(() => this.flush(id), this.options.idleMs);
    timer.unref();
    this.dirty.set(id, { since, timer });
  }

  /** Takes an "editing" checkpoint now if the story changed since the last one (closing, quitting). */
  flush(id: string): void {
    const pending = this.dirty.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.dirty.delete(id);
    try {
      this.checkpoint(id, 'editing', '');
    } catch (error) {
      // The story may have been deleted for good meanwhile.
      this.log.warn('could not checkpoint story', { id, error });
    }
  }

  flushAll(): void {
    for (const id of [...this.dirty.keys()]) this.flush(id);
  }

  /** Stores the story as it is now; returns the new revision's id, or null when nothing changed since the last. */
  checkpoint(id: string, reason: RevisionReason, detail: string, author = this.author()): number | null {
    const docName = articleDocName(id);
    const pending = this.dirty.get(id);
    if (pending) {
      clearTimeout(pending.timer);
      this.dirty.delete(id);
    }
    const story = readStory(this.live.get(docName));
    const revisionId = this.store.add({ docId: docName, author, reason, detail, story });
    if (revisionId !== null) this.changedListener?.(id);
    return revisionId;
  }

  list(id: string): RevisionSummary[] {
    return this.store.list(articleDocName(id));
  }

  /**
   * What changed from revision `from` to revision `to` (or to the story as
   * it is now), each change credited to the person who made it (ADR 0073).
   * Compared with the story now, edits made here since the last version are
   * checkpointed first, so they carry this person's name too.
   */
  diff(id: string, from: number, to: number | 'current'): { from: RevisionSummary; to: RevisionSummary | null; diff: AttributedStoryDiff } {
    if (to === 'current') this.flush(id);
    const before = this.revision(id, from);
    const after = to === 'current' ? { summary: null, story: readStory(this.live.get(articleDocName(id))) } : this.revision(id, to);
    const diff = diffStories(before.story, after.story);
    const { span, fromIsOlder } = this.between(id, from, to);
    return { from: before.summary, to: after.summary, diff: attributeDiff(diff, span, fromIsOlder) };
  }

  /** The versions after the older of two up to and including the newer, oldest first, and which of the two is older. */
  private between(id: string, from: number, to: number | 'current') {
    // Newest first, as the history lists them.
    const listed = this.list(id);
    const at = (revision: number | 'current') => (revision === 'current' ? -1 : listed.findIndex((summary) => summary.id === revision));
    const fromAt = at(from);
    const toAt = at(to);
    const fromIsOlder = fromAt > toAt;
    // Older than the listed history goes back: nobody to name rather than the wrong people.
    if (fromAt < 0 || (to !== 'current' && toAt < 0)) return { span: [], fromIsOlder };
    const [newer, older] = fromIsOlder ? [toAt, fromAt] : [fromAt, toAt];
    const span = listed
      .slice(Math.max(newer, 0), older < 0 ? 0 : older)
      .reverse()
      .map((summary) => ({ author: summary.author, story: this.revision(id, summary.id).story }));
    return { span, fromIsOlder };
  }

  /**
   * Brings back `parts` of revision `revisionId` as a new change in core's
   * name. The story as it was just before is checkpointed first, so a restore
   * can itself be undone from the history.
   */
  restore(id: string, revisionId: number, parts: readonly RestorablePart[], author = this.author()): { revisionId: number | null; status: Status } {
    const docName = articleDocName(id);
    const status = readStatus(articleParts(this.live.get(docName)).meta);
    if (isReadOnlyStatus(status)) {
      throw new LedeError('read_only', 'This story is published or spiked. An editor has to move it back to Draft before an older version can be restored.');
    }
    const { summary, story } = this.revision(id, revisionId);
    this.checkpoint(id, 'editing', 'Before restoring an older version', author);
    const after = statusAfterRestore(status);
    this.live.change(docName, (doc) => {
      applyRestore(doc, story, parts);
      if (after !== status) articleParts(doc).meta.set('status', after);
    });
    const what = parts.length === RESTORABLE_PARTS.length ? 'the whole story' : parts.join(', ');
    // The time stays an ISO instant: the window words it in its own language and zone (revision-labels.ts).
    const restored = this.checkpoint(id, 'restored', `${what} from the version of ${summary.createdAt}`, author);
    return { revisionId: restored, status: after };
  }

  private revision(id: string, revisionId: number) {
    const found = this.store.get(articleDocName(id), revisionId);
    if (!found) throw new LedeError('not_found', 'This version of the story is not in its history.');
    return found;
  }
}

