import type { ResultOf } from '../../../shared/contract';
import { articleDocName, articleIdOf } from '../../../shared/documents/article-kind';
import type { Logger } from '../log';
import { SyncApiError, SyncServerApi } from '../sync/server-api';
import type { SyncAccount } from '../sync/sync-store';

/**
 * What the newsroom server did with a story's publications (ADR 0071), for
 * the story screen's Publishing section and the library's marker. Read from
 * the server on demand — the server transmits, this laptop only shows —
 * like the audit trail: signed out, offline or refused, an answer that says
 * why, never an error.
 */
export class PublishingReader {
  constructor(
    private readonly deps: {
      account(): SyncAccount | null;
      offline(): boolean;
      log: Logger;
    },
  ) {}

  async story(articleId: string): Promise<ResultOf<'article.publishing'>> {
    const account = this.deps.account();
    if (!account) return { available: false, reason: 'signed_out', message: 'Sign in to the newsroom server to publish and see where this story was sent.' };
    if (this.deps.offline()) return UNREACHABLE;
    try {
      const answer = await new SyncServerApi(account.serverUrl, account.token).publishing(articleDocName(articleId));
      return { available: true, latestVersion: answer.latestVersion, latestKind: answer.latestKind, problem: answer.problem, transmissions: answer.transmissions };
    } catch (error) {
      if (error instanceof SyncApiError && error.status === 404) {
        return { available: false, reason: 'not_on_server', message: 'The newsroom server does not have this story yet: it is sent to the outputs once it syncs.' };
      }
      if (error instanceof SyncApiError && error.failure === 'forbidden') return { available: false, reason: 'not_allowed', message: error.message };
      this.deps.log.warn('publishing: could not read a story’s transmissions', { error: (error as Error).message });
      return UNREACHABLE;
    }
  }

  /** Ids of stories whose latest publication did not get through; none when signed out or unreachable (the marker then waits). */
  async failed(): Promise<string[]> {
    const account = this.deps.account();
    if (!account || this.deps.offline()) return [];
    try {
      const documents = await new SyncServerApi(account.serverUrl, account.token).publishingFailed();
      return documents.map((name) => articleIdOf(name)).filter((id): id is string => id !== null);
    } catch (error) {
      this.deps.log.warn('publishing: could not read the stories whose transmission failed', { error: (error as Error).message });
      return [];
    }
  }

  /** Stories the server holds from an output by their embargo, with when it ends; none when signed out or unreachable. */
  async embargoed(): Promise<Array<{ id: string; until: string }>> {
    const account = this.deps.account();
    if (!account || this.deps.offline()) return [];
    try {
      const stories = await new SyncServerApi(account.serverUrl, account.token).publishingEmbargoed();
      return stories.flatMap((story) => {
        const id = articleIdOf(story.document);
        return id ? [{ id, until: story.until }] : [];
      });
    } catch (error) {
      this.deps.log.warn('publishing: could not read the embargoed stories', { error: (error as Error).message });
      return [];
    }
  }
}

const UNREACHABLE = {
  available: false as const,
  reason: 'unreachable' as const,
  message: 'The newsroom server cannot be reached: where this story was sent shows when it is back.',
};
