import type { Profile } from '../../../shared/model';
import type { Sessions } from '../sessions';
import type { SettingsStore } from './settings-store';
import { STORED_PROFILE } from './stored-settings';

/** Who uses Lede on this computer; null until they said (or while what is stored cannot be read). */
export function readProfile(settings: SettingsStore): Profile | null {
  return settings.read(STORED_PROFILE);
}

/** Saves the profile and tells every window. */
export function saveProfile(settings: SettingsStore, sessions: Sessions, profile: Profile): Profile {
  settings.write(STORED_PROFILE, profile);
  sessions.toAll('profile.changed', profile);
  return profile;
}
