import { base64ToBytes, bytesToBase64 } from '../../shared/base64';
import type { ConfigOverrides, ConfigView } from '../../shared/config';
import { channels, describeIssues, isChannel, type Channel, type ParsedPayloadOf, type ResultOf } from '../../shared/contract';
import { LedeError, fail, ok, type Result } from '../../shared/errors';
import { canonicalLanguageTag } from '../../shared/language';
import type { Profile } from '../../shared/model';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { readStory } from '../../shared/article-body';
import { newsroomSchema } from '../../shared/editor/extensions';
import { STATUS_LABELS } from '../../shared/model';
import type { ArticleService } from './articles/article-service';
import { importFile } from './interchange/file-import';
import type { MediaCatalog } from './interchange/media-catalog';
import { exportStory } from './interchange/story-export';
import type { RevisionService } from './revisions/revision-service';
import { queryLibrary } from './articles/library-query';
import type { Logger } from './log';
import type { MediaServices } from './media/media-services';
import type { PeopleStore } from './people/people-store';
import { lockedMessage, lockedSettingsIn, managedConfig } from './policy/managed-config';
import type { PolicyLoad } from './policy/policy-file';
import type { SessionState, Sessions } from './sessions';
import { readProfile, saveProfile } from './settings/profile';
import type { SettingsStore } from './settings/settings-store';
import { STORED_NEWSROOM_CONFIG } from './settings/stored-settings';
import type { Database } from './store/open-database';
import { normalizeServerUrl, type SyncClient } from './sync/sync-client';

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
  log: Logger;
  media: MediaServices;
  app: { version: string; shell: 'web' | 'electron' };
  /** The machine's policy, read once at start (a changed file applies at the next start). */
  policy: PolicyLoad;
}

type Handler<C extends Channel> = (payload: ParsedPayloadOf<C>, session: SessionState) => ResultOf<C> | Promise<ResultOf<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

/** The API, implemented once. Both shells call `invoke`; nothing else reaches core. */
export function createHandlers(ctx: ApiContext): Handlers {
  const { articles, revisions, people, settings, sessions, sync } = ctx;

  const profile = () => readProfile(settings);
  const requireProfile = (): Profile => {
    const current = profile();
    if (!current) throw new LedeError('profile_required', 'Tell Lede who you are first (name and newsroom role).');
    return current;
  };
  const userSettings = (): ConfigOverrides => settings.read(STORED_NEWSROOM_CONFIG) ?? {};
  const config = (): ConfigView => managedConfig(userSettings(), ctx.policy);

  return {
    'app.info': () => ctx.app,
    'profile.get': () => profile(),
    'profile.set': (payload) => saveProfile(settings, sessions, payload),
    'config.get': () => config(),
    'config.set': (payload) => {
      const locked = lockedSettingsIn(payload, ctx.policy.policy.locked);
      if (locked.length > 0) throw new LedeError('locked_by_policy', lockedMessage(locked));
      for (const tag of [payload.defaultLanguage, ...(payload.spellcheckLanguages ?? [])]) {
        if (tag !== undefined && !canonicalLanguageTag(tag)) {
          throw new LedeError('invalid_payload', `"${tag}" is not a language tag (BCP 47, e.g. "en" or "pt-BR").`);
        }
      }
      if (payload.spellcheckLanguages) payload.spellcheckLanguages = [...new Set(payload.spellcheckLanguages.map((tag) => canonicalLanguageTag(tag)!))];
      const current = userSettings();
      const merged: ConfigOverrides = {
        ...current,
        ...payload,
        limits: { ...current.limits, ...payload.limits },
        workflowRules: {
          ready: { ...current.workflowRules?.ready, ...payload.workflowRules?.ready },
          published: { ...current.workflowRules?.published, ...payload.workflowRules?.published },
        },
      };
      settings.write(STORED_NEWSROOM_CONFIG, merged);
      const resolved = config();
      sessions.toAll('config.changed', resolved);
      return resolved;
    },
    'library.list': (payload) => queryLibrary(ctx.db, payload),
    'article.create': (payload) => {
      requireProfile();
      return { id: articles.create(payload, config()) };
    },
    'article.open': (payload, session) => {
      const { state, updatedAt } = articles.openState(payload.id);
      sessions.open(session, payload.id);
      return { id: payload.id, state: bytesToBase64(state), updatedAt };
    },
    'article.close': (payload, session) => {
      sessions.close(session, payload.id);
      return {};
    },
    'article.update': (payload, session) => {
      if (!sessions.isOpenIn(session, payload.id)) {
        throw new LedeError('invalid_payload', 'Open the story before sending changes to it.');
      }
      articles.applyUpdate(payload.id, base64ToBytes(payload.update), session.id);
      return {};
    },
    'article.check': (payload) => articles.check(payload.id, payload.to, config()),
    'article.setStatus': (payload) => {
      const actor = requireProfile();
      const moved = articles.setStatus(payload.id, payload.to, actor, { config: config(), acknowledge: payload.acknowledge });
      revisions.checkpoint(payload.id, 'status', `${STATUS_LABELS[moved.from]} → ${STATUS_LABELS[moved.status]}`, actor.name);
      return { status: moved.status, editedBy: moved.editedBy };
    },
    'article.revisions': (payload) => {
      articles.doc(payload.id);
      return { items: revisions.list(payload.id) };
    },
    'article.revisionDiff': (payload) => {
      articles.doc(payload.id);
      return revisions.diff(payload.id, payload.from, payload.to);
    },
    'article.restoreRevision': (payload) => {
      articles.doc(payload.id);
      return revisions.restore(payload.id, payload.revisionId, payload.parts, requireProfile().name);
    },
    'article.export': (payload) =>
      exportStory(readStory(articles.doc(payload.id)), payload.format, {
        id: payload.id,
        updatedAt: articles.updatedAt(payload.id),
        catalog: ctx.interchange.catalog,
        mediaHrefBase: ctx.interchange.hrefBase,
      }),
    'article.importFile': async (payload) => {
      const actor = requireProfile();
      // The whole file is converted first; only then is the draft created, in one transaction.
      const draft = await importFile(payload.name, base64ToBytes(payload.bytes), ctx.interchange.catalog);
      const id = articles.createSeeded(
        { ...draft.seed, writeBody: (fragment) => void prosemirrorJSONToYXmlFragment(newsroomSchema(), draft.body, fragment) },
        config(),
      );
      revisions.checkpoint(id, 'imported', `Imported from ${payload.name}`, actor.name);
      return { id, format: draft.format, notes: draft.notes };
    },
    'article.trash': (payload) => {
      articles.trash(payload.id);
      return {};
    },
    'article.restore': (payload) => {
      articles.restore(payload.id);
      return {};
    },
    'article.purge': (payload) => {
      articles.purge(payload.id);
      return {};
    },
    'sync.status': () => sync.status(),
    'sync.signIn': (payload) => {
      const { syncServerUrl, locked } = config();
      if (syncServerUrl && locked.includes('syncServerUrl') && normalizeServerUrl(payload.serverUrl) !== normalizeServerUrl(syncServerUrl)) {
        throw new LedeError('locked_by_policy', `Your newsroom’s policy sets the sync server: ${syncServerUrl}. Sign in there, or ask newsroom IT.`);
      }
      return sync.signIn(payload.serverUrl, payload.token);
    },
    'sync.signOut': (payload) => sync.signOut(payload),
    'sync.removalPreview': () => sync.removalPreview(),
    'sync.dismissNotice': () => sync.dismissNotice(),
    'sync.setOptions': (payload) => sync.setOptions(payload),
    'sync.retry': () => sync.retry(),
    'sync.flagged': () => sync.flagged(),
    'sync.resolveFlag': (payload) => {
      sync.resolveFlag(payload.docId, payload.choice);
      return {};
    },
    'sync.presence': (payload) => ({ people: sync.presence(payload.id) }),
    'people.search': (payload) => people.search(payload.query, payload.limit),
    'people.save': (payload) => {
      const person = people.save(payload);
      sessions.toAll('people.changed', {});
      return person;
    },
    ...mediaHandlers(ctx),
  };
}

type MediaChannel = Extract<Channel, `media.${string}` | `photoDesk.${string}`>;

function mediaHandlers(ctx: ApiContext): { [C in MediaChannel]: Handler<C> } {
  const { media, sessions } = ctx;
  return {
    'media.list': (payload) => media.index.query(payload),
    'media.ids': (payload) => ({ ids: media.index.ids(payload) }),
    'media.get': (payload) => ({ items: media.library.get(payload.sha256s) }),
    'media.update': (payload, session) => ({ changed: media.library.update(payload.changes, session.id) }),
    'media.importBegin': (payload) => ({ importId: media.importer.begin(payload.total) }),
    'media.importCancel': (payload) => ({ cancelled: media.importer.cancel(payload.importId) }),
    'media.importUnsent': (payload) => ({ recorded: media.importer.recordUnsent(payload.importId, payload.name, payload.reason) }),
    'media.export': (payload, session) => media.exporter.export(payload.sha256s, payload.folder, (progress) => session.emit('media.exportProgress', progress)),
    'photoDesk.get': () => media.photoDesk.get(),
    'photoDesk.set': (payload) => {
      const next = media.photoDesk.set(payload);
      sessions.toAll('photoDesk.changed', next);
      return next;
    },
  };
}

/**
 * Validates a call against the contract and runs its handler. A bad payload
 * never reaches a handler; an error inside one comes back with its code.
 */
export async function dispatch(
  handlers: Handlers,
  log: Logger,
  session: SessionState,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !isChannel(channel)) {
    return fail('unknown_channel', `There is no API channel called ${JSON.stringify(String(channel).slice(0, 80))}.`);
  }
  try {
    const parsed = channels[channel].payload.safeParse(payload ?? {});
    if (!parsed.success) return fail('invalid_payload', `Invalid ${channel} request: ${describeIssues(parsed.error)}`);
    const handler = handlers[channel] as (payload: unknown, session: SessionState) => unknown;
    return ok(await handler(parsed.data, session));
  } catch (error) {
    if (error instanceof LedeError) return fail(error.code, error.message);
    log.error('request failed', { channel, error });
    return fail('internal', `Lede could not complete ${channel}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
