import type { Channel, ParsedPayloadOf, ResultOf } from '../../../shared/contract';
import type { ArticleService } from '../articles/article-service';
import type { MediaCatalog } from '../../../shared/interchange/media-catalog';
import type { Logger } from '../log';
import type { MediaServices } from '../media/media-services';
import type { PeopleStore } from '../people/people-store';
import type { PolicyLoad } from '../policy/policy-file';
import type { RevisionService } from '../revisions/revision-service';
import type { SessionState, Sessions } from '../sessions';
import type { SettingsStore } from '../settings/settings-store';
import type { Database } from '../store/open-database';
import type { HistorySharing } from '../sync/history-sharing';
import type { PublishingReader } from '../publishing/publishing-reader';
import type { SyncClient } from '../sync/sync-client';

/** What the handlers reach: core's services, built once in core.ts. */
export interface ApiContext {
  db: Database;
  articles: ArticleService;
  revisions: RevisionService;
  /** What export and import know of media: the photo desk's library (interchange/media-catalog.ts). */
  interchange: { catalog: MediaCatalog; hrefBase: string };
  people: PeopleStore;
  settings: SettingsStore;
  sessions: Sessions;
  sync: SyncClient;
  /** The newsroom's history of stories: sending this laptop's checkpoints, reading everyone's (ADR 0065). */
  history: HistorySharing;
  /** What the newsroom server transmitted of each story (ADR 0071). */
  publishing: PublishingReader;
  log: Logger;
  media: MediaServices;
  app: { version: string; shell: 'web' | 'electron' };
  /** The machine's policy, read once at start (a changed file applies at the next start). */
  policy: PolicyLoad;
}

/** One channel's handler: gets the payload already validated against the contract. */
export type Handler<C extends Channel> = (payload: ParsedPayloadOf<C>, session: SessionState) => ResultOf<C> | Promise<ResultOf<C>>;

/** The handlers of some channels: what one feature module gives. */
export type FeatureHandlers<C extends Channel> = { [K in C]: Handler<K> };

/** Every channel's handler: what dispatch() runs. */
export type Handlers = FeatureHandlers<Channel>;
