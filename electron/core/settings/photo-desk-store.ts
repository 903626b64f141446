import type { TemplateMode } from '../../../shared/photo-templates';
import type { SettingsStore } from './settings-store';
import { STORED_PHOTO_DESK, type PhotoDeskSettings } from './stored-settings';

export type PhotoDesk = Required<PhotoDeskSettings>;

/** Until the person chooses, a template fills empty fields only: an agency's caption and credit are never lost by default. */
const DEFAULT_TEMPLATE_MODE: TemplateMode = 'empty';

/** The desk's caption templates, code replacements and template mode, kept in settings for everyone on this computer. */
export class PhotoDeskStore {
  constructor(private readonly settings: SettingsStore) {}

  get(): PhotoDesk {
    const stored = this.settings.read(STORED_PHOTO_DESK);
    return { templates: [], codes: [], ...stored, templateMode: stored?.templateMode ?? DEFAULT_TEMPLATE_MODE };
  }

  set(patch: Partial<PhotoDeskSettings>): PhotoDesk {
    const next = { ...this.get(), ...patch } as PhotoDesk;
    this.settings.write(STORED_PHOTO_DESK, next);
    return next;
  }
}
