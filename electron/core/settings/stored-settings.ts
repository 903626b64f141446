import { z } from 'zod';
import { LIMITED_FIELDS, type ConfigOverrides } from '../../../shared/config';
import { MEDIA_FIELDS, type MediaField } from '../../../shared/media-fields';
import { NEWSROOM_ROLES, type Profile } from '../../../shared/model';
import { TEMPLATE_MODES, type CaptionTemplate, type CodeReplacement, type TemplateMode } from '../../../shared/photo-templates';
import { CHECKED_STATUSES, RULE_IDS, RULE_LEVELS, type RuleLevel } from '../../../shared/workflow/rules';
import { READY_EDIT_RULES } from '../../../shared/workflow/ready-edits';
import { olderVersion, storedValue } from './stored-value';

/**
 * The person's values Lede keeps in the settings table, one row each, with
 * the schema each version is stored in (ADR 0053). These schemas say what a
 * stored value must look like for Lede to use it, not what the API accepts:
 * limits such as "at most 100 sections" or "codes are 1–20 letters" are the
 * wire's (shared/contract.ts) and may tighten without making anyone's saved
 * value unreadable. Unknown keys are dropped, so a key a value no longer has
 * does not make it unreadable; any other change to a stored shape is a new
 * version, with its upgrade in `older`. Sync keeps its own records
 * (sync/sync-store.ts).
 */

/** An object whose keys are all optional, one per name in `keys`. */
function someOf<K extends string, S extends z.ZodType>(keys: readonly K[], value: S) {
  return z.object(Object.fromEntries(keys.map((key) => [key, value.optional()])) as { [P in K]: z.ZodOptional<S> });
}

const profileV1 = z.object({ name: z.string().min(1), role: z.enum(NEWSROOM_ROLES) });

const ruleLevel = z.enum(RULE_LEVELS as [RuleLevel, ...RuleLevel[]]);
const newsroomConfigV1 = z.object({
  sections: z.array(z.string()).optional(),
  limits: someOf(LIMITED_FIELDS, z.object({ warn: z.number(), error: z.number() })).optional(),
  defaultLanguage: z.string().optional(),
  spellcheckLanguages: z.array(z.string()).optional(),
  syncServerUrl: z.string().nullable().optional(),
  workflowRules: someOf(CHECKED_STATUSES, someOf(RULE_IDS, ruleLevel)).optional(),
});
/**
 * Version 2 adds what an edit to a Ready story does and typographic quotes
 * (ADR 0063). A new version, not two more optional keys in version 1: an older
 * Lede would drop keys it does not know and save over them; this way it
 * refuses to (setting_unreadable, "saved by a newer Lede").
 */
const newsroomConfigV2 = newsroomConfigV1.extend({
  readyEdits: z.enum(READY_EDIT_RULES).optional(),
  typographicQuotes: z.boolean().optional(),
});

const photoDeskV1 = z.object({
  templates: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fields: z.array(z.object({ field: z.enum(MEDIA_FIELDS as [MediaField, ...MediaField[]]), value: z.string(), apply: z.boolean() })),
    }),
  ),
  codes: z.array(z.object({ code: z.string(), text: z.string() })),
  // Added after version 1 was in use, optional so that what was saved before still reads
  // (and an older Lede reading a newer save drops it as an unknown key): no new version.
  templateMode: z.enum(TEMPLATE_MODES).optional(),
});

export interface PhotoDeskSettings {
  templates: CaptionTemplate[];
  codes: CodeReplacement[];
  /** Absent until the person first chooses; PhotoDeskStore reads that as "Fill empty fields only". */
  templateMode?: TemplateMode;
}

/** Who uses Lede on this computer (name and newsroom role). */
export const STORED_PROFILE = storedValue<Profile>({ key: 'profile', label: 'your profile', schema: profileV1 });

/** The person's newsroom settings (Settings), layered under the machine's policy. */
export const STORED_NEWSROOM_CONFIG = storedValue<ConfigOverrides>({
  key: 'config',
  label: 'your settings',
  schema: newsroomConfigV2,
  older: [olderVersion(newsroomConfigV1, (value) => value)],
});

/** The photo desk's caption templates and code replacements, for everyone on this computer. */
export const STORED_PHOTO_DESK = storedValue<PhotoDeskSettings>({
  key: 'photoDesk',
  label: 'the photo desk’s templates and codes',
  schema: photoDeskV1,
});
