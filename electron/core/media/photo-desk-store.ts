import { z } from 'zod';
import { channels } from '../../../shared/contract';
import type { CodeReplacement, CaptionTemplate } from '../../../shared/photo-templates';
import type { SettingsStore } from '../settings/settings-store';

export interface PhotoDeskSettings {
  templates: CaptionTemplate[];
  codes: CodeReplacement[];
}

const KEY = 'photoDesk';
const schema = channels['photoDesk.get'].result as unknown as z.ZodType<PhotoDeskSettings>;

/** The desk's caption templates and code replacements, kept in settings for everyone on this computer. */
export class PhotoDeskStore {
  constructor(private readonly settings: SettingsStore) {}

  get(): PhotoDeskSettings {
    return this.settings.get(KEY, schema) ?? { templates: [], codes: [] };
  }

  set(patch: Partial<PhotoDeskSettings>): PhotoDeskSettings {
    const next = { ...this.get(), ...patch };
    this.settings.set(KEY, next);
    return next;
  }
}
