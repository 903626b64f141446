import { z } from 'zod';
import { LedeError } from '../../../shared/errors';
import { NEWSROOM_ROLES, type Profile } from '../../../shared/model';
import type { Sessions } from '../sessions';
import type { SettingsStore } from './settings-store';

/** Who is working at this computer: the name on bylines and "Edited by", and the newsroom role. */
const PROFILE_KEY = 'profile';
const profileSchema = z.object({ name: z.string().min(1), role: z.enum(NEWSROOM_ROLES) });

export function readProfile(settings: SettingsStore): Profile | null {
  return settings.get(PROFILE_KEY, profileSchema);
}

/** The profile, for actions that record who did them (creating, moving, restoring, importing a story). */
export function requireProfile(settings: SettingsStore): Profile {
  const current = readProfile(settings);
  if (!current) throw new LedeError('profile_required', 'Tell Lede who you are first (name and newsroom role).');
  return current;
}

/** Saves the profile and tells every window. */
export function saveProfile(settings: SettingsStore, sessions: Sessions, profile: Profile): Profile {
  settings.set(PROFILE_KEY, profile);
  sessions.toAll('profile.changed', profile);
  return profile;
}
