import { randomUUID } from 'node:crypto';
import type { EventName, EventPayloadOf } from '../../shared/contract';

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

export interface SessionState {
  id: string;
  emit: EmitEvent;
  /** How many times this session has each story open (a window may show one story twice). */
  openArticles: Map<string, number>;
}

/**
 * Who is connected (a browser tab, an Electron window) and which stories each
 * has open, so updates reach exactly the sessions that need them and never
 * the one they came from.
 */
export class Sessions {
  private readonly sessions = new Map<string, SessionState>();

  add(emit: EmitEvent): SessionState {
    const session: SessionState = { id: `session:${randomUUID()}`, emit, openArticles: new Map() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Counts one more open of the story in this session. */
  opened(session: SessionState, articleId: string): void {
    session.openArticles.set(articleId, (session.openArticles.get(articleId) ?? 0) + 1);
  }

  /** Counts one close; true when this session no longer has the story open at all. */
  closed(session: SessionState, articleId: string): boolean {
    const count = (session.openArticles.get(articleId) ?? 0) - 1;
    if (count > 0) {
      session.openArticles.set(articleId, count);
      return false;
    }
    session.openArticles.delete(articleId);
    return true;
  }

  remove(session: SessionState): string[] {
    this.sessions.delete(session.id);
    return [...session.openArticles.keys()].filter((id) => !this.isOpenAnywhere(id));
  }

  isOpenAnywhere(articleId: string): boolean {
    for (const session of this.sessions.values()) if (session.openArticles.has(articleId)) return true;
    return false;
  }

  /** Sends to every session that has the story open, except the one the change came from. */
  toArticleViewers<E extends EventName>(articleId: string, exceptSessionId: string, event: E, payload: EventPayloadOf<E>): void {
    for (const session of this.sessions.values()) {
      if (session.id !== exceptSessionId && session.openArticles.has(articleId)) session.emit(event, payload);
    }
  }

  toAll<E extends EventName>(event: E, payload: EventPayloadOf<E>): void {
    for (const session of this.sessions.values()) session.emit(event, payload);
  }

  count(): number {
    return this.sessions.size;
  }
}
