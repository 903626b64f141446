import { z } from 'zod';
import type { ApiError, Result } from './errors';
import { BYLINE_ROLES } from './model';
import { presencePersonSchema, syncStatusSchema } from './sync-status';
import { importProgress, mediaChannels, photoDeskSettings } from './contract/media';
import { config, settingsChannels } from './contract/settings';
import { storyChannels } from './contract/stories';
import { syncChannels } from './contract/sync';
import { id, none, profile } from './contract/values';

export { MAX_NAME, MAX_TEXT, MAX_UPDATE_BASE64 } from './contract/values';
export { USER_SETTING_SCHEMA } from './contract/settings';
export { LIBRARY_PAGE_MAX, LIBRARY_SORTS } from './contract/stories';
export { MEDIA_BATCH_MAX, MEDIA_FILTERS, MEDIA_LABEL_FILTERS, MEDIA_PAGE_MAX, MEDIA_SORTS } from './contract/media';

/**
 * The one API between the renderer and core. Every channel declares the
 * payload it accepts and the value it returns; every event declares what it
 * carries. Core validates payloads against these schemas before any handler
 * runs; the renderer's client validates results. Both shells only transport
 * `{ channel, payload }` and `Result` values, nothing else.
 *
 * The channels are declared per feature in `shared/contract/` (settings,
 * stories, sync, media) and joined here into the one map.
 */
export const channels = { ...settingsChannels, ...storyChannels, ...syncChannels, ...mediaChannels } as const;

export const events = {
  /** Another session (or core itself) changed an open story. Never sent back to the session that made the change. */
  'article.updated': z.object({ id, update: z.string() }),
  /** Derived library rows changed; lists showing these stories should refresh. */
  'library.changed': z.object({ ids: z.array(z.string()) }),
  'people.changed': none,
  /** A story's history gained an entry (a checkpoint, a restore). */
  'article.revisionsChanged': z.object({ id }),
  'config.changed': config,
  'profile.changed': profile,
  /** An import moved on (at most every 100 ms) or ended. `errors` holds every refused file so far. */
  'media.importProgress': importProgress,
  /** Photos were added or their metadata changed; grids showing them should refresh. */
  'media.changed': z.object({ sha256s: z.array(z.string()) }),
  'media.exportProgress': z.object({ exportId: z.string(), total: z.number().int(), done: z.number().int(), current: z.string() }),
  'photoDesk.changed': photoDeskSettings,
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
   * after a reconnect, so open stories must be opened again. Web shell only:
   * 'session-ended' when the shell is back but no longer knows this page's
   * session (it restarted, ADR 0068); nothing goes through until the page
   * signs in again.
   */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
  /**
   * Web shell only: signs this page in again with a pasted sign-in link,
   * without reloading it, so the tab keeps what it holds. Answers why not in
   * words for the person (not a link, already used, another address).
   */
  signInAgain?(link: string): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Electron only: native dialogs and dropped files. Paths stay between preload, main and core. */
  desktop?: DesktopBridge;
}

export interface DesktopBridge {
  /** Shows the file (or folder) dialog; what is picked is imported. False when nothing was picked. */
  pickMedia(mode: 'files' | 'folder'): Promise<boolean>;
  /** Imports dropped or pasted File objects by their paths on disk; answers how many had one. */
  importDropped(files: readonly unknown[]): number;
  /** Asks for an export folder; the folder the person picked, or null. */
  pickFolder(): Promise<string | null>;
}

export type ConnectionState = 'open' | 'lost' | 'session-ended';

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
