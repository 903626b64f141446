import type { ApiContext, FeatureHandlers } from './handler-types';
import { readProfile, saveProfile } from '../settings/profile';
import { changeUserConfig, currentConfig } from '../settings/user-config';

/** This workstation: the app, who works at it, and their settings under the machine's policy. */
export function settingsHandlers(ctx: ApiContext): FeatureHandlers<'app.info' | 'profile.get' | 'profile.set' | 'config.get' | 'config.set'> {
  const { settings, sessions, policy } = ctx;
  return {
    'app.info': () => ctx.app,
    'profile.get': () => readProfile(settings),
    'profile.set': (payload) => saveProfile(settings, sessions, payload),
    'config.get': () => currentConfig(settings, policy),
    'config.set': (payload) => {
      const resolved = changeUserConfig(settings, policy, payload);
      sessions.toAll('config.changed', resolved);
      return resolved;
    },
  };
}
