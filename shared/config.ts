import { DEFAULT_STORY_WORD_LIMIT } from './story-size';
import { DEFAULT_READY_EDIT_RULE, type ReadyEditRule } from './workflow/ready-edits';
import { CHECKED_STATUSES, DEFAULT_WORKFLOW_RULES, mergeWorkflowRules, type CheckedStatus, type RuleLevels, type WorkflowRules } from './workflow/rules';

/**
 * Newsroom configuration as data: one place with the defaults. User settings
 * and then the machine's managed policy are layered over these by
 * `resolveConfig` (defaults < user settings < policy; see ADR 0020).
 */

export interface FieldLimit {
  /** Counted in characters (grapheme clusters) of plain text. */
  warn: number;
  error: number;
}

export const LIMITED_FIELDS = ['headline', 'kicker', 'teaser'] as const;
export type LimitedField = (typeof LIMITED_FIELDS)[number];
export type FieldLimits = Record<LimitedField, FieldLimit>;

export interface LanguageOption {
  /** BCP 47 tag. */
  tag: string;
  label: string;
  dir: 'ltr' | 'rtl';
}

export interface NewsroomConfig {
  sections: string[];
  limits: FieldLimits;
  defaultLanguage: string;
  languages: LanguageOption[];
  /** Dictionaries checked besides each story's own language (BCP 47), e.g. a second newsroom language. */
  spellcheckLanguages: string[];
  /** The newsroom's sync server, or null when this machine does not sync. */
  syncServerUrl: string | null;
  /** The checks a story passes before it moves to each checked status (shared/workflow/rules.ts). */
  workflowRules: WorkflowRules;
  /** What an edit to a story at Ready does (shared/workflow/ready-edits.ts). */
  readyEdits: ReadyEditRule;
  /** Typing " and ' in the body gives the story language's quotation marks (shared/typography.ts). */
  typographicQuotes: boolean;
  /** Longest story a paste or an import may make, in words (shared/story-size.ts); set by policy only. */
  storyWordLimit: number;
}

/**
 * The settings a person may change (in Settings) and a policy may set or
 * lock. Languages offered are not a setting: they are what Lede supports.
 */
export const USER_SETTINGS = ['sections', 'limits', 'defaultLanguage', 'spellcheckLanguages', 'syncServerUrl', 'readyEdits', 'typographicQuotes'] as const;
export type UserSetting = (typeof USER_SETTINGS)[number];

/** The part of the configuration a user may change in Settings (and a policy may set). */
export interface ConfigOverrides {
  sections?: string[];
  limits?: Partial<FieldLimits>;
  defaultLanguage?: string;
  spellcheckLanguages?: string[];
  syncServerUrl?: string | null;
  /** Check levels per target status; a person's Settings only (a policy does not set these yet). */
  workflowRules?: Partial<Record<CheckedStatus, Partial<RuleLevels>>>;
  readyEdits?: ReadyEditRule;
  typographicQuotes?: boolean;
  /** The newsroom's policy only: not a person's setting. */
  storyWordLimit?: number;
}

/**
 * What the renderer gets: the resolved configuration, which settings the
 * newsroom's policy locked (shown as "Set by your newsroom"), and why the
 * policy file could not be applied, if it could not.
 */
export interface ConfigView extends NewsroomConfig {
  locked: UserSetting[];
  policyProblem: string | null;
}

export const DEFAULT_LIMITS: FieldLimits = {
  headline: { warn: 70, error: 100 },
  kicker: { warn: 25, error: 40 },
  teaser: { warn: 250, error: 400 },
};

export const DEFAULT_SECTIONS = [
  'Politics',
  'World',
  'Business',
  'Science',
  'Environment',
  'Culture',
  'Sport',
  'Opinion',
];

export const LANGUAGES: LanguageOption[] = [
  { tag: 'en', label: 'English', dir: 'ltr' },
  { tag: 'de', label: 'Deutsch', dir: 'ltr' },
  { tag: 'fr', label: 'Français', dir: 'ltr' },
  { tag: 'es', label: 'Español', dir: 'ltr' },
  { tag: 'pt', label: 'Português', dir: 'ltr' },
  { tag: 'it', label: 'Italiano', dir: 'ltr' },
  { tag: 'nl', label: 'Nederlands', dir: 'ltr' },
  { tag: 'pl', label: 'Polski', dir: 'ltr' },
  { tag: 'tr', label: 'Türkçe', dir: 'ltr' },
  { tag: 'ru', label: 'Русский', dir: 'ltr' },
  { tag: 'uk', label: 'Українська', dir: 'ltr' },
  { tag: 'el', label: 'Ελληνικά', dir: 'ltr' },
  { tag: 'ar', label: 'العربية', dir: 'rtl' },
  { tag: 'fa', label: 'فارسی', dir: 'rtl' },
  { tag: 'ur', label: 'اردو', dir: 'rtl' },
  { tag: 'he', label: 'עברית', dir: 'rtl' },
  { tag: 'ps', label: 'پښتو', dir: 'rtl' },
  { tag: 'hi', label: 'हिन्दी', dir: 'ltr' },
  { tag: 'bn', label: 'বাংলা', dir: 'ltr' },
  { tag: 'sw', label: 'Kiswahili', dir: 'ltr' },
  { tag: 'zh', label: '中文', dir: 'ltr' },
  { tag: 'ja', label: '日本語', dir: 'ltr' },
];

export const DEFAULT_CONFIG: NewsroomConfig = {
  sections: DEFAULT_SECTIONS,
  limits: DEFAULT_LIMITS,
  defaultLanguage: 'en',
  languages: LANGUAGES,
  spellcheckLanguages: [],
  syncServerUrl: null,
  workflowRules: DEFAULT_WORKFLOW_RULES,
  readyEdits: DEFAULT_READY_EDIT_RULE,
  typographicQuotes: true,
  storyWordLimit: DEFAULT_STORY_WORD_LIMIT,
};

/** Layers overrides over the defaults; later layers win field by field (a policy goes last). */
export function resolveConfig(...layers: ConfigOverrides[]): NewsroomConfig {
  const config: NewsroomConfig = structuredClone(DEFAULT_CONFIG);
  for (const layer of layers) {
    if (layer.sections && layer.sections.length > 0) config.sections = [...layer.sections];
    if (layer.defaultLanguage) config.defaultLanguage = layer.defaultLanguage;
    if (layer.spellcheckLanguages) config.spellcheckLanguages = [...layer.spellcheckLanguages];
    // null is a value here ("this machine does not sync"); only a missing key leaves the layer below.
    if (layer.syncServerUrl !== undefined) config.syncServerUrl = layer.syncServerUrl;
    if (layer.readyEdits) config.readyEdits = layer.readyEdits;
    if (layer.typographicQuotes !== undefined) config.typographicQuotes = layer.typographicQuotes;
    if (layer.storyWordLimit !== undefined) config.storyWordLimit = layer.storyWordLimit;
    for (const field of LIMITED_FIELDS) {
      const limit = layer.limits?.[field];
      if (limit) config.limits[field] = { ...limit };
    }
    config.workflowRules = mergeWorkflowRules(config.workflowRules, layer.workflowRules);
  }
  return config;
}

/**
 * A person's settings after a change from Settings: what the change names
 * replaces what was set, except limits and check levels, which change field
 * by field and rule by rule (changing the headline limit keeps the kicker's).
 */
export function mergeConfigOverrides(current: ConfigOverrides, change: ConfigOverrides): ConfigOverrides {
  return {
    ...current,
    ...change,
    limits: { ...current.limits, ...change.limits },
    workflowRules: Object.fromEntries(
      CHECKED_STATUSES.map((status) => [status, { ...current.workflowRules?.[status], ...change.workflowRules?.[status] }]),
    ) as ConfigOverrides['workflowRules'],
  };
}
