import { LedeError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model';
import type { Sessions } from '../sessions';
import type { SettingsStore } from './settings-store';
import { STORED_PROFILE } from './stored-settings';

/** Who uses Lede on this computer; null until they said (or while what is stored cannot be read). */
export function readProfile(settings: SettingsStore): Profile | null {
  return settings.read(STORED_PROFILE);
}

/** The profile, for actions that record who did them (creating, moving, restoring, importing a story). */
export function requireProfile(settings: SettingsStore): Profile {
  const current = readProfile(settings);
  if (!current) throw new LedeError('profile_required', 'Tell Lede who you are first (name and newsroom role).');
  return current;
}

/** Saves the profile and tells every window. */
export function saveProfile(settings: SettingsStore, sessions: Sessions, profile: Profile): Profile {
  settings.write(STORED_PROFILE, profile);
  sessions.toAll('profile.changed', profile);
  return profile;
}
