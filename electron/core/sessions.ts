import { randomUUID } from 'node:crypto';
import type { EventName, EventPayloadOf } from '../../shared/contract';

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

export interface SessionState {
  id: string;
  emit: EmitEvent;
}

/**
 * Who is connected (a browser tab, an Electron window) and which stories each
 * has open: the one owner of "is this story open". A session may open one
 * story more than once (a window may show it twice), so opens are counted
 * per session. Whoever must act when a story is first opened anywhere, or
 * closed everywhere (sync's presence, writing the story out of memory),
 * listens here instead of keeping a count of its own.
 */
export class Sessions {
  private readonly sessions = new Map<string, SessionState>();
  /** Per session, how many times it has each story open. */
  private readonly openCounts = new Map<string, Map<string, number>>();
  private readonly firstOpenListeners: Array<(articleId: string) => void> = [];
  private readonly lastCloseListeners: Array<(articleId: string) => void> = [];

  add(emit: EmitEvent): SessionState {
    const session: SessionState = { id: `session:${randomUUID()}`, emit };
    this.sessions.set(session.id, session);
    this.openCounts.set(session.id, new Map());
    return session;
  }

  /** Called when a story becomes open in some session while it was open in none. */
  onFirstOpen(listener: (articleId: string) => void): void {
    this.firstOpenListeners.push(listener);
  }

  /** Called when a story is no longer open in any session. */
  onLastClose(listener: (articleId: string) => void): void {
    this.lastCloseListeners.push(listener);
  }

  /** Counts one more open of the story in this session. */
  open(session: SessionState, articleId: string): void {
    const counts = this.countsOf(session);
    const first = !this.isOpenAnywhere(articleId);
    counts.set(articleId, (counts.get(articleId) ?? 0) + 1);
    if (first) for (const listener of this.firstOpenListeners) listener(articleId);
  }

  /** Counts one close; a session that has not opened the story closes nothing. */
  close(session: SessionState, articleId: string): void {
    const counts = this.countsOf(session);
    const count = counts.get(articleId);
    if (count === undefined) return;
    if (count > 1) {
      counts.set(articleId, count - 1);
      return;
    }
    counts.delete(articleId);
    if (!this.isOpenAnywhere(articleId)) this.closedEverywhere(articleId);
  }

  /** The session is gone: every story it had open is closed there. */
  remove(session: SessionState): void {
    const counts = this.countsOf(session);
    this.sessions.delete(session.id);
    this.openCounts.delete(session.id);
    for (const articleId of counts.keys()) if (!this.isOpenAnywhere(articleId)) this.closedEverywhere(articleId);
  }

  isOpenIn(session: SessionState, articleId: string): boolean {
    return this.countsOf(session).has(articleId);
  }

  isOpenAnywhere(articleId: string): boolean {
    for (const counts of this.openCounts.values()) if (counts.has(articleId)) return true;
    return false;
  }

  /** Sends to every session that has the story open, except the one the change came from. */
  toArticleViewers<E extends EventName>(articleId: string, exceptSessionId: string, event: E, payload: EventPayloadOf<E>): void {
    for (const session of this.sessions.values()) {
      if (session.id !== exceptSessionId && this.isOpenIn(session, articleId)) session.emit(event, payload);
    }
  }

  toAll<E extends EventName>(event: E, payload: EventPayloadOf<E>): void {
    for (const session of this.sessions.values()) session.emit(event, payload);
  }

  count(): number {
    return this.sessions.size;
  }

  private countsOf(session: SessionState): Map<string, number> {
    return this.openCounts.get(session.id) ?? new Map();
  }

  private closedEverywhere(articleId: string): void {
    for (const listener of this.lastCloseListeners) listener(articleId);
  }
}
