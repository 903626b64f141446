import { z } from 'zod';
import { LIMITED_FIELDS, USER_SETTINGS, type ConfigOverrides, type FieldLimit, type UserSetting } from '../../../shared/config';
import { canonicalLanguageTag } from '../../../shared/language';
import { READY_EDIT_RULES } from '../../../shared/workflow/ready-edits';
import { STORY_WORD_LIMIT_RANGE } from '../../../shared/story-size';
import { SYNC_PROTOCOLS, WEB_PROTOCOLS, cleartextProblem, serviceUrlProblem } from '../../../shared/service-url';

/**
 * The newsroom's machine policy (policy.json), as IT writes it. Every key is
 * optional; `null` means "not set" so a template can list every key. Keys
 * this version does not know are ignored (and logged) so one policy file can
 * serve machines on different Lede versions. Anything of the wrong type makes
 * the whole file invalid: half a policy is worse than none (ADR 0020).
 */
export const POLICY_KEYS = [
  'syncServerUrl',
  'updateFeedUrl',
  'updatesEnabled',
  'defaultLanguage',
  'spellcheckLanguages',
  'dictionaryUrl',
  'sections',
  'limits',
  'lockedSettings',
  'insecureHosts',
  'readyEdits',
  'typographicQuotes',
  'storyWordLimit',
] as const;

const serviceUrl = (protocols: readonly string[], what: string) =>
  z.string().superRefine((raw, context) => {
    const problem = serviceUrlProblem(raw, protocols);
    if (problem) context.addIssue({ code: 'custom', message: `the ${what} address ${problem}` });
  });

const languageTag = z
  .string()
  .max(35)
  .refine((tag) => canonicalLanguageTag(tag) !== null, 'must be a language tag (BCP 47), e.g. "en", "pt-BR" or "ar"');

const fieldLimit = z
  .object({ warn: z.number().int().min(1).max(100_000), error: z.number().int().min(1).max(100_000) })
  .strict()
  .refine((limit) => limit.warn <= limit.error, 'the warning limit must not be above the hard limit');

const limits = z
  .object(Object.fromEntries(LIMITED_FIELDS.map((field) => [field, fieldLimit.optional()])) as Record<(typeof LIMITED_FIELDS)[number], z.ZodOptional<typeof fieldLimit>>)
  .strict();

const sections = z
  .array(z.string().trim().min(1, 'a section name must not be empty').max(60))
  .min(1, 'must list at least one section')
  .max(100)
  .refine((list) => new Set(list.map((s) => s.toLocaleLowerCase())).size === list.length, 'lists a section twice');

export const policySchema = z.object({
  syncServerUrl: serviceUrl(SYNC_PROTOCOLS, 'sync server').nullable().optional(),
  updateFeedUrl: serviceUrl(WEB_PROTOCOLS, 'update feed').nullable().optional(),
  updatesEnabled: z.boolean().nullable().optional(),
  defaultLanguage: languageTag.nullable().optional(),
  spellcheckLanguages: z.array(languageTag).max(10).nullable().optional(),
  dictionaryUrl: serviceUrl(WEB_PROTOCOLS, 'dictionary').nullable().optional(),
  sections: sections.nullable().optional(),
  limits: limits.nullable().optional(),
  // ADR 0063: the newsroom decides whether an edit sends a Ready story back to the desk.
  readyEdits: z.enum(READY_EDIT_RULES).nullable().optional(),
  typographicQuotes: z.boolean().nullable().optional(),
  // Issue 18: the longest story a paste or an import may make, in words.
  storyWordLimit: z.number().int().min(STORY_WORD_LIMIT_RANGE.min).max(STORY_WORD_LIMIT_RANGE.max).nullable().optional(),
  // Names are checked separately: an unknown one is ignored with a log line, like an unknown key.
  lockedSettings: z.array(z.string().max(100)).max(50).nullable().optional(),
  // Test networks only: hosts whose http:// / ws:// addresses are accepted (see the admin guide).
  insecureHosts: z
    .array(z.string().trim().toLowerCase().min(1).max(253).regex(/^[a-z0-9.:-]+$/, 'must be a host name or address, without a scheme or port'))
    .max(20)
    .nullable()
    .optional(),
}).superRefine((value, context) => {
  // Plain http:// only to this computer, or to hosts the policy names as a test network.
  const insecure = value.insecureHosts ?? [];
  for (const [key, what] of [['syncServerUrl', 'sync server'], ['updateFeedUrl', 'update feed'], ['dictionaryUrl', 'dictionary']] as const) {
    const raw = value[key];
    const problem = raw ? cleartextProblem(raw, insecure) : null;
    if (problem) context.addIssue({ code: 'custom', path: [key], message: `the ${what} address ${problem}` });
  }
});

/** A policy as Lede applies it. */
export interface Policy {
  /** Values for user settings; each one set here also locks that setting. */
  settings: ConfigOverrides;
  /** Settings people may not change: those `settings` sets plus `lockedSettings`. */
  locked: UserSetting[];
  updates: { enabled: boolean | null; feedUrl: string | null };
  /** Where Electron downloads Hunspell dictionaries from (Windows, Linux); ends with "/". */
  dictionaryUrl: string | null;
  /** Hosts that may be reached over plain http:// / ws:// (test networks only). */
  insecureHosts: string[];
}

export const EMPTY_POLICY: Policy = Object.freeze({
  settings: {},
  locked: [],
  updates: { enabled: null, feedUrl: null },
  dictionaryUrl: null,
  insecureHosts: [],
});

export type PolicyParse =
  | { ok: true; policy: Policy; unknownKeys: string[]; unknownLocks: string[] }
  | { ok: false; problem: string };

/** Turns the parsed JSON of a policy file into a Policy, or says what is wrong with it. */
export function parsePolicy(raw: unknown): PolicyParse {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: 'it must be a JSON object ({ … }) of policy keys' };
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : 'policy'}: ${issue.message}`)
      .join('; ');
    return { ok: false, problem: details };
  }
  const value = parsed.data;
  const known = new Set<string>(POLICY_KEYS);
  const unknownKeys = Object.keys(raw).filter((key) => !known.has(key));
  const lockable = new Set<string>(USER_SETTINGS);
  const requestedLocks = value.lockedSettings ?? [];
  const unknownLocks = requestedLocks.filter((name) => !lockable.has(name));

  const settings: ConfigOverrides = {};
  if (value.sections) settings.sections = value.sections.map((s) => s.replace(/\s+/g, ' '));
  if (value.limits) {
    const set = Object.entries(value.limits).filter((entry): entry is [string, FieldLimit] => entry[1] !== undefined);
    if (set.length > 0) settings.limits = Object.fromEntries(set);
  }
  if (value.defaultLanguage) settings.defaultLanguage = canonicalLanguageTag(value.defaultLanguage)!;
  if (value.spellcheckLanguages) settings.spellcheckLanguages = unique(value.spellcheckLanguages.map((tag) => canonicalLanguageTag(tag)!));
  if (value.syncServerUrl) settings.syncServerUrl = value.syncServerUrl;
  if (value.readyEdits) settings.readyEdits = value.readyEdits;
  if (typeof value.typographicQuotes === 'boolean') settings.typographicQuotes = value.typographicQuotes;
  if (typeof value.storyWordLimit === 'number') settings.storyWordLimit = value.storyWordLimit;

  const locked = USER_SETTINGS.filter(
    (setting) => settings[setting] !== undefined || requestedLocks.includes(setting),
  );
  return {
    ok: true,
    policy: {
      settings,
      locked,
      updates: { enabled: value.updatesEnabled ?? null, feedUrl: value.updateFeedUrl ?? null },
      dictionaryUrl: value.dictionaryUrl ? withTrailingSlash(value.dictionaryUrl) : null,
      insecureHosts: value.insecureHosts ?? [],
    },
    unknownKeys,
    unknownLocks,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Electron appends the dictionary's file name to this base, so it must end with a slash. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
