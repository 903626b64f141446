import { z } from 'zod';
import { READY_EDIT_RULES } from '../workflow/ready-edits';
import { LIMITED_FIELDS, USER_SETTINGS } from '../config';
import { SYNC_PROTOCOLS, serviceUrlProblem } from '../service-url';
import { CHECKED_STATUSES, RULE_IDS, RULE_LEVELS } from '../workflow/rules';
import { none, profile } from './values';

/** The app, the profile and the settings (limits, workflow rules, languages): schemas and channels. */

const fieldLimit = z
  .object({ warn: z.number().int().min(1).max(100_000), error: z.number().int().min(1).max(100_000) })
  .strict()
  .refine((limit) => limit.warn <= limit.error, 'the warning limit must not be above the hard limit');
const limits = z.object(Object.fromEntries(LIMITED_FIELDS.map((field) => [field, fieldLimit])) as Record<
  (typeof LIMITED_FIELDS)[number],
  typeof fieldLimit
>);
const ruleLevels = z.object(Object.fromEntries(RULE_IDS.map((rule) => [rule, z.enum(RULE_LEVELS)])) as Record<
  (typeof RULE_IDS)[number],
  z.ZodEnum<{ ERROR: 'ERROR'; WARN: 'WARN'; off: 'off' }>
>);
const workflowRules = z.object(Object.fromEntries(CHECKED_STATUSES.map((s) => [s, ruleLevels])) as Record<
  (typeof CHECKED_STATUSES)[number],
  typeof ruleLevels
>);
const workflowRuleOverrides = z
  .object(Object.fromEntries(CHECKED_STATUSES.map((s) => [s, ruleLevels.partial().strict().optional()])) as Record<
    (typeof CHECKED_STATUSES)[number],
    z.ZodOptional<z.ZodObject<{ [K in (typeof RULE_IDS)[number]]: z.ZodOptional<z.ZodEnum<{ ERROR: 'ERROR'; WARN: 'WARN'; off: 'off' }>> }>>
  >)
  .strict();
const languageTag = z.string().min(2).max(35);
const syncServerUrl = z.string().superRefine((raw, context) => {
  const problem = serviceUrlProblem(raw, SYNC_PROTOCOLS);
  if (problem) context.addIssue({ code: 'custom', message: `the sync server address ${problem}` });
});
export const USER_SETTING_SCHEMA = z.enum(USER_SETTINGS);
/** The resolved configuration plus what the newsroom's policy locked (see shared/config.ts ConfigView). */
export const config = z.object({
  sections: z.array(z.string()),
  limits,
  defaultLanguage: z.string(),
  languages: z.array(z.object({ tag: z.string(), label: z.string(), dir: z.enum(['ltr', 'rtl']) })),
  spellcheckLanguages: z.array(z.string()),
  syncServerUrl: z.string().nullable(),
  locked: z.array(USER_SETTING_SCHEMA),
  policyProblem: z.string().nullable(),
  workflowRules,
  readyEdits: z.enum(READY_EDIT_RULES),
  typographicQuotes: z.boolean(),
  storyWordLimit: z.number().int().min(1),
});
const configOverrides = z
  .object({
    sections: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
    limits: limits.partial().optional(),
    defaultLanguage: languageTag.optional(),
    spellcheckLanguages: z.array(languageTag).max(10).optional(),
    syncServerUrl: syncServerUrl.nullable().optional(),
    workflowRules: workflowRuleOverrides.optional(),
    readyEdits: z.enum(READY_EDIT_RULES).optional(),
    typographicQuotes: z.boolean().optional(),
  })
  .strict();

export const settingsChannels = {
  'app.info': {
    payload: none,
    result: z.object({ version: z.string(), shell: z.enum(['web', 'electron']) }),
  },
  'profile.get': { payload: none, result: profile.nullable() },
  'profile.set': { payload: profile, result: profile },
  'config.get': { payload: none, result: config },
  /** Changes user settings; a setting the newsroom's policy locked is refused with `locked_by_policy`. */
  'config.set': { payload: configOverrides, result: config },
} as const;
