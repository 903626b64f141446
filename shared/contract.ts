import { z } from 'zod';
import { isBase64 } from './base64';
import { BYLINE_ROLES, NEWSROOM_ROLES, STATUSES } from './model';
import type { ApiError, Result } from './errors';
import { LIMITED_FIELDS } from './config';
import { SYNC_BADGES, presencePersonSchema, syncStatusSchema } from './sync-status';

/**
 * The one API between the renderer and core. Every channel declares the
 * payload it accepts and the value it returns; every event declares what it
 * carries. Core validates payloads against these schemas before any handler
 * runs; the renderer's client validates results. Both shells only transport
 * `{ channel, payload }` and `Result` values, nothing else.
 */

export const MAX_UPDATE_BASE64 = 24 * 1024 * 1024;
export const MAX_NAME = 200;
export const MAX_TEXT = 4000;
export const LIBRARY_PAGE_MAX = 500;

const id = z.string().uuid('must be a story id (UUID)');
const name = z.string().trim().min(1, 'must not be empty').max(MAX_NAME);
const update = z
  .string()
  .min(4)
  .max(MAX_UPDATE_BASE64, 'update is too large')
  .refine(isBase64, 'must be base64');
const status = z.enum(STATUSES);
const newsroomRole = z.enum(NEWSROOM_ROLES);
const isoDate = z.string().max(40);
const none = z.object({}).strict();

const profile = z.object({ name, role: newsroomRole }).strict();
const person = z.object({ id: z.string(), name: z.string(), bio: z.string() });
const fieldLimit = z
  .object({ warn: z.number().int().min(1).max(100_000), error: z.number().int().min(1).max(100_000) })
  .strict()
  .refine((limit) => limit.warn <= limit.error, 'the warning limit must not be above the hard limit');
const limits = z.object(Object.fromEntries(LIMITED_FIELDS.map((field) => [field, fieldLimit])) as Record<
  (typeof LIMITED_FIELDS)[number],
  typeof fieldLimit
>);
const config = z.object({
  sections: z.array(z.string()),
  limits,
  defaultLanguage: z.string(),
  languages: z.array(z.object({ tag: z.string(), label: z.string(), dir: z.enum(['ltr', 'rtl']) })),
});
const configOverrides = z
  .object({
    sections: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
    limits: limits.partial().optional(),
    defaultLanguage: z.string().min(2).max(35).optional(),
  })
  .strict();
const summary = z.object({
  id: z.string(),
  headline: z.string(),
  kicker: z.string(),
  section: z.string(),
  status,
  bylines: z.array(z.string()),
  language: z.string(),
  wordCount: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
  trashedAt: isoDate.nullable(),
  /** Whether the sync server has stored every change made here (meaningful when signed in). */
  sync: z.enum(SYNC_BADGES),
});
const editorCredit = z.object({ name: z.string(), personId: z.string().optional() });

export const LIBRARY_SORTS = ['updated', 'created', 'headline', 'status'] as const;

export const channels = {
  'app.info': {
    payload: none,
    result: z.object({ version: z.string(), shell: z.enum(['web', 'electron']) }),
  },
  'profile.get': { payload: none, result: profile.nullable() },
  'profile.set': { payload: profile, result: profile },
  'config.get': { payload: none, result: config },
  'config.set': { payload: configOverrides, result: config },
  'library.list': {
    payload: z
      .object({
        query: z.string().max(500).default(''),
        status: status.optional(),
        section: z.string().max(60).optional(),
        view: z.enum(['active', 'trash']).default('active'),
        sort: z.enum(LIBRARY_SORTS).default('updated'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(LIBRARY_PAGE_MAX).default(100),
      })
      .strict(),
    // `capped`: a search matched more stories than it counted; `total` is then "at least".
    result: z.object({ total: z.number().int(), capped: z.boolean(), items: z.array(summary) }),
  },
  'article.create': {
    payload: z.object({ section: z.string().max(60).optional(), language: z.string().min(2).max(35).optional() }).strict(),
    result: z.object({ id }),
  },
  'article.open': {
    payload: z.object({ id }).strict(),
    result: z.object({ id, state: z.string(), updatedAt: isoDate }),
  },
  'article.close': { payload: z.object({ id }).strict(), result: none },
  'article.update': { payload: z.object({ id, update }).strict(), result: none },
  'article.setStatus': {
    payload: z.object({ id, to: status }).strict(),
    result: z.object({ status, editedBy: z.array(editorCredit) }),
  },
  'article.trash': { payload: z.object({ id }).strict(), result: none },
  'article.restore': { payload: z.object({ id }).strict(), result: none },
  'article.purge': { payload: z.object({ id }).strict(), result: none },
  'people.search': {
    payload: z.object({ query: z.string().max(MAX_NAME), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    result: z.array(person),
  },
  'sync.status': { payload: none, result: syncStatusSchema },
  'sync.signIn': {
    payload: z
      .object({
        serverUrl: z.string().trim().min(1, 'enter the server address').max(500),
        token: z.string().trim().min(1, 'enter your access token').max(500),
      })
      .strict(),
    result: syncStatusSchema,
  },
  'sync.signOut': { payload: none, result: syncStatusSchema },
  'sync.setOptions': { payload: z.object({ catalogDays: z.number().int().min(1).max(3650) }).strict(), result: syncStatusSchema },
  /** Connect again now instead of waiting for the next attempt. */
  'sync.retry': { payload: none, result: syncStatusSchema },
  /** Stories the server no longer knows (reset or restored server): the person decides. */
  'sync.flagged': {
    payload: none,
    result: z.array(z.object({ id: z.string(), articleId: z.string().nullable(), headline: z.string(), localOnly: z.boolean() })),
  },
  'sync.resolveFlag': {
    payload: z.object({ docId: z.string().max(200), choice: z.enum(['upload', 'keep_local']) }).strict(),
    result: none,
  },
  /** Who else has the story open, on other computers. */
  'sync.presence': { payload: z.object({ id }).strict(), result: z.object({ people: z.array(presencePersonSchema) }) },
  'people.save': {
    // Without `bio`, an existing person's bio is kept (adding a byline must not wipe it).
    payload: z.object({ id: z.string().max(64).optional(), name, bio: z.string().max(MAX_TEXT).optional() }).strict(),
    result: person,
  },
} as const;

export const events = {
  /** Another session (or core itself) changed an open story. Never sent back to the session that made the change. */
  'article.updated': z.object({ id, update: z.string() }),
  /** Derived library rows changed; lists showing these stories should refresh. */
  'library.changed': z.object({ ids: z.array(z.string()) }),
  'people.changed': none,
  'config.changed': config,
  'profile.changed': profile,
  'sync.status': syncStatusSchema,
  'sync.presence': z.object({ id, people: z.array(presencePersonSchema) }),
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type PayloadOf<C extends Channel> = z.input<(typeof channels)[C]['payload']>;
export type ParsedPayloadOf<C extends Channel> = z.output<(typeof channels)[C]['payload']>;
export type ResultOf<C extends Channel> = z.output<(typeof channels)[C]['result']>;
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]>;

export const BYLINE_ROLE_SCHEMA = z.enum(BYLINE_ROLES);

export function isChannel(value: string): value is Channel {
  return Object.prototype.hasOwnProperty.call(channels, value);
}

export function isEventName(value: string): value is EventName {
  return Object.prototype.hasOwnProperty.call(events, value);
}

/** Turns zod issues into one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}

/**
 * What a shell gives the renderer as `window.lede`: an untyped pipe. The
 * typed client below is the only thing the renderer's code talks to.
 */
export interface LedeBridge {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * Connection to core: 'lost' when the pipe broke (core restarting, web
   * shell stopped), 'open' again once calls can go through. Sessions are new
   * after a reconnect, so open stories must be opened again.
   */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
}

export type ConnectionState = 'open' | 'lost';

export type LedeClient = {
  invoke<C extends Channel>(channel: C, payload: PayloadOf<C>): Promise<Result<ResultOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
};

/** Wraps a bridge with the contract's types, and checks what comes back. */
export function createClient(bridge: LedeBridge): LedeClient {
  return {
    async invoke(channel, payload) {
      const result = await bridge.invoke(channel, payload);
      if (!result.ok) return result;
      const parsed = channels[channel].result.safeParse(result.value);
      if (!parsed.success) {
        const error: ApiError = { code: 'internal', message: `Unexpected reply on ${channel}: ${describeIssues(parsed.error)}` };
        return { ok: false, error };
      }
      return { ok: true, value: parsed.data as ResultOf<typeof channel> };
    },
    on(event, listener) {
      return bridge.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayloadOf<typeof event>);
      });
    },
  };
}
