import { channels, isChannel, type Channel } from '../../../shared/contract';
import type { ApiContext, Handlers } from './handler-types';
import { interchangeHandlers } from './interchange-handlers';
import { mediaHandlers } from './media-handlers';
import { peopleHandlers } from './people-handlers';
import { publishingHandlers } from './publishing-handlers';
import { revisionHandlers } from './revision-handlers';
import { settingsHandlers } from './settings-handlers';
import { storyHandlers } from './story-handlers';
import { syncHandlers } from './sync-handlers';

/**
 * The API, implemented once, one module per feature. A handler turns a
 * validated payload into calls on the feature's services (articles/, media/,
 * sync/…) and tells sessions what changed; what a feature decides lives in
 * the feature, not here. Both shells reach these only through dispatch().
 */
export const API_FEATURES = {
  settings: settingsHandlers,
  stories: storyHandlers,
  revisions: revisionHandlers,
  interchange: interchangeHandlers,
  people: peopleHandlers,
  sync: syncHandlers,
  media: mediaHandlers,
  publishing: publishingHandlers,
} satisfies Record<string, (ctx: ApiContext) => Partial<Handlers>>;

export function createHandlers(ctx: ApiContext): Handlers {
  const features = Object.fromEntries(Object.entries(API_FEATURES).map(([name, build]) => [name, build(ctx)])) as {
    [F in keyof typeof API_FEATURES]: ReturnType<(typeof API_FEATURES)[F]>;
  };
  return combineFeatures(features);
}

type Claimed<F> = { [K in keyof F]: keyof F[K] }[keyof F];
type Unclaimed<F> = Exclude<Channel, Claimed<F>>;

/**
 * The one handler map, from the features' maps. A channel no feature handles
 * does not compile; a channel two features claim (the later would silently
 * win in a spread) is refused when core starts, naming both.
 */
export function combineFeatures<F extends Record<string, Partial<Handlers>>>(
  features: F & ([Unclaimed<F>] extends [never] ? unknown : { 'channels without a handler': Unclaimed<F> }),
): Handlers {
  const owners = new Map<string, string>();
  const handlers: Record<string, unknown> = {};
  for (const [feature, map] of Object.entries(features as F)) {
    for (const [channel, handler] of Object.entries(map)) {
      if (!isChannel(channel)) throw new Error(`The ${feature} handlers answer "${channel}", which shared/contract.ts does not declare.`);
      const owner = owners.get(channel);
      if (owner) throw new Error(`${channel} is handled by both the ${owner} and the ${feature} handlers.`);
      owners.set(channel, feature);
      handlers[channel] = handler;
    }
  }
  const missing = Object.keys(channels).filter((channel) => !owners.has(channel));
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}.`);
  return handlers as Handlers;
}
