import type { SettingsStore } from './settings-store';
import { STORED_PHOTO_DESK, type PhotoDeskSettings } from './stored-settings';

/** The desk's caption templates and code replacements, kept in settings for everyone on this computer. */
export class PhotoDeskStore {
  constructor(private readonly settings: SettingsStore) {}

  get(): PhotoDeskSettings {
    return this.settings.read(STORED_PHOTO_DESK) ?? { templates: [], codes: [] };
  }

  set(patch: Partial<PhotoDeskSettings>): PhotoDeskSettings {
    const next = { ...this.get(), ...patch };
    this.settings.write(STORED_PHOTO_DESK, next);
    return next;
  }
}
