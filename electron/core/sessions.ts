import { randomUUID } from 'node:crypto';
import type { EventName, EventPayloadOf } from '../../shared/contract';

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

export interface SessionState {
  id: string;
  emit: EmitEvent;
  openArticles: Set<string>;
}

/**
 * Who is connected (a browser tab, an Electron window) and which stories each
 * has open, so updates reach exactly the sessions that need them and never
 * the one they came from.
 */
export class Sessions {
  private readonly sessions = new Map<string, SessionState>();

  add(emit: EmitEvent): SessionState {
    const session: SessionState = { id: `session:${randomUUID()}`, emit, openArticles: new Set() };
    this.sessions.set(session.id, session);
    return session;
  }

  remove(session: SessionState): string[] {
    this.sessions.delete(session.id);
    return [...session.openArticles].filter((id) => !this.isOpenAnywhere(id));
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
