import { bodyNodeFromJson } from '../../../shared/article-body';
import type { ArchivedRevision } from '../../../shared/revisions/newsroom-history';
import type { Logger } from '../log';
import type { RevisionStore } from '../revisions/revision-store';
import { SyncApiError, SyncServerApi } from './server-api';
import type { SyncStore } from './sync-store';

/** Checkpoints sent per story in one go; the rest follow at the next round. */
const SEND_PER_ROUND = 50;
/** Stories whose checkpoints one round sends. */
const STORIES_PER_ROUND = 20;
/** Pages of the server's history read when the history is opened (20 checkpoints each). */
const READ_PAGES = 50;

const UNREACHABLE: NewsroomHistoryReach = {
  included: false,
  reason: 'unreachable',
  message: 'The newsroom server cannot be reached: only the versions this computer already has are listed. The others show when it is back.',
};

/** Whether the history shown includes the newsroom's, and if not, why, in words. */
export type NewsroomHistoryReach =
  | { included: true }
  | { included: false; reason: 'signed_out' | 'not_on_server' | 'not_allowed' | 'unreachable'; message: string };

/**
 * The newsroom's history of a story (ADR 0065), this laptop's half: every
 * checkpoint taken here goes to the sync server once the server has the
 * story (soon after it is taken, and again every `retryMs` until it got
 * there), and opening the history reads what the others took. The server
 * names each one after the account that sent it.
 *
 * Never for a story kept only on this computer, or one the server lost:
 * its history stays here with it.
 */
export class HistorySharing {
  private readonly sending = new Map<string, Promise<void>>();
  private readonly soon = new Map<string, NodeJS.Timeout>();
  private readonly retry: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly deps: {
      revisions: RevisionStore;
      sync: Pick<SyncStore, 'account' | 'state'>;
      /** The sync client knows the server cannot be reached right now (no need to wait for a timeout to say so). */
      offline(): boolean;
      log: Logger;
      /** A story's history gained checkpoints from the newsroom. */
      changed(docName: string): void;
      retryMs: number;
      /** After a checkpoint is taken, how long to wait before sending (checkpoints come in pairs around a restore). */
      sendDelayMs: number;
    },
  ) {
    this.retry = setInterval(() => void this.sendAll(), deps.retryMs);
    this.retry.unref();
  }

  /** A checkpoint was taken here: send it shortly. */
  checkpointTaken(docName: string): void {
    // Core's last checkpoints, taken while it closes, wait for the next start.
    if (this.closed || this.soon.has(docName)) return;
    const timer = setTimeout(() => {
      this.soon.delete(docName);
      void this.send(docName);
    }, this.deps.sendDelayMs);
    timer.unref();
    this.soon.set(docName, timer);
  }

  /**
   * Sends what this laptop owes of the story's history, then reads what is
   * new on the server. The history shown is complete when this says so.
   */
  async read(docName: string): Promise<NewsroomHistoryReach> {
    const account = this.deps.sync.account();
    if (!account) return { included: false, reason: 'signed_out', message: 'Signed out: only the versions taken on this computer are listed. Sign in to the newsroom server to see everyone’s, and who changed what.' };
    if (!this.onServer(docName)) {
      return { included: false, reason: 'not_on_server', message: 'The newsroom server does not have this story yet: only the versions taken on this computer are listed.' };
    }
    if (this.deps.offline()) return UNREACHABLE;
    await this.send(docName);
    const api = new SyncServerApi(account.serverUrl, account.token);
    let cursor = this.deps.revisions.cursor(docName);
    let added = 0;
    try {
      for (let page = 0; page < READ_PAGES; page++) {
        const answer = await api.revisionsOf(docName, cursor);
        const last = answer.entries.at(-1);
        if (last) {
          cursor = last.id;
          added += this.deps.revisions.addFromNewsroom(docName, answer.entries.filter((entry) => this.readable(docName, entry)), cursor);
        }
        if (answer.cursor === null) break;
      }
    } catch (error) {
      if (error instanceof SyncApiError && error.failure === 'forbidden') {
        return { included: false, reason: 'not_allowed', message: `The newsroom server does not show this account the story’s history: ${error.message}` };
      }
      this.deps.log.warn('sync: could not read the newsroom’s history of a story', { docId: docName, error: (error as Error).message });
      return UNREACHABLE;
    } finally {
      if (added > 0) this.deps.changed(docName);
    }
    return { included: true };
  }

  close(): void {
    this.closed = true;
    clearInterval(this.retry);
    for (const timer of this.soon.values()) clearTimeout(timer);
    this.soon.clear();
  }

  /** Waits for any sending under way (tests, quitting). */
  async settled(): Promise<void> {
    await Promise.all(this.sending.values());
  }

  private async sendAll(): Promise<void> {
    if (this.closed || !this.deps.sync.account()) return;
    for (const docName of this.deps.revisions.storiesWithUnshared(STORIES_PER_ROUND)) await this.send(docName);
  }

  /** One sender per story at a time: a second call waits for the first, then sends what is left. */
  private send(docName: string): Promise<void> {
    const before = this.sending.get(docName) ?? Promise.resolve();
    const next = before
      .then(() => (this.closed ? undefined : this.sendNow(docName)))
      .catch((error: unknown) => {
        // Never an unhandled rejection: what is not sent stays marked so, for the next round.
        this.deps.log.warn('sync: sending a story’s versions to the newsroom’s history failed', { docId: docName, error: (error as Error).message });
      });
    this.sending.set(docName, next);
    void next.finally(() => {
      if (this.sending.get(docName) === next) this.sending.delete(docName);
    });
    return next;
  }

  private async sendNow(docName: string): Promise<void> {
    const account = this.deps.sync.account();
    if (!account || !this.onServer(docName)) return;
    const api = new SyncServerApi(account.serverUrl, account.token);
    for (const revision of this.deps.revisions.unshared(docName, SEND_PER_ROUND)) {
      try {
        await api.shareRevision({ document: docName, revision });
      } catch (error) {
        // Kept, and sent again at the next round (server down, story not there yet, a reader's account).
        this.deps.log.info('sync: a version of a story is not on the server yet', { docId: docName, error: (error as Error).message });
        return;
      }
      this.deps.revisions.markShared(revision.key);
    }
  }

  /** The server stored this story from here, and it is not kept only on this computer. */
  private onServer(docName: string): boolean {
    const state = this.deps.sync.state(docName);
    return !!state?.serverId && !state.localOnly && state.flag === null;
  }

  /** A checkpoint whose body this editor cannot show is left out (and said so in the log), not kept to fail later. */
  private readable(docName: string, entry: ArchivedRevision): boolean {
    try {
      bodyNodeFromJson(entry.story.body);
      return true;
    } catch (error) {
      this.deps.log.warn('sync: left out a version from the newsroom whose body this editor cannot read', { docId: docName, key: entry.key, error: (error as Error).message });
      return false;
    }
  }
}
