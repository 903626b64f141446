import type { Status } from '../model';

/**
 * The checks a story passes before it moves on, as data: which rule applies
 * to which target status, and at what level. ERROR blocks the move; WARN is
 * shown and the person confirms; `off` skips the rule. Newsrooms change the
 * levels in Settings (config.set); these are the defaults.
 */

export type FindingLevel = 'WARN' | 'ERROR';
export type RuleLevel = FindingLevel | 'off';
export const RULE_LEVELS: readonly RuleLevel[] = ['ERROR', 'WARN', 'off'];

/** Statuses a story can be checked for on its way in. */
export const CHECKED_STATUSES = ['ready', 'published'] as const satisfies readonly Status[];
export type CheckedStatus = (typeof CHECKED_STATUSES)[number];

export const RULE_IDS = [
  'headline-present',
  'field-limits',
  'teaser-present',
  'byline-present',
  'figure-image',
  'figure-caption',
  'figure-credit',
  'figure-alt',
  'empty-subhead',
  'unresolved-markers',
  'no-open-suggestions',
  'no-unresolved-comments',
  'no-legal-flags',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** What each rule checks, in the words of the checklist and of Settings. */
export const RULE_LABELS: Record<RuleId, string> = {
  'headline-present': 'Headline written',
  'field-limits': 'Headline, kicker and teaser within their hard limits',
  'teaser-present': 'Teaser written',
  'byline-present': 'At least one byline',
  'figure-image': 'Every figure has a picture',
  'figure-caption': 'Every figure has a caption',
  'figure-credit': 'Every figure has a credit',
  'figure-alt': 'Every figure has alt text',
  'empty-subhead': 'No empty subheads',
  'unresolved-markers': 'No TK, [[…]] or ## placeholders left',
  'no-open-suggestions': 'No suggestions waiting to be accepted or rejected',
  'no-unresolved-comments': 'No comment threads left unresolved',
  'no-legal-flags': 'No text flagged for legal',
};

export type RuleLevels = Record<RuleId, RuleLevel>;
export type WorkflowRules = Record<CheckedStatus, RuleLevels>;

const READY_LEVELS: RuleLevels = {
  'headline-present': 'ERROR',
  'field-limits': 'ERROR',
  'teaser-present': 'WARN',
  'byline-present': 'WARN',
  'figure-image': 'ERROR',
  'figure-caption': 'WARN',
  'figure-credit': 'ERROR',
  'figure-alt': 'ERROR',
  'empty-subhead': 'WARN',
  'unresolved-markers': 'ERROR',
  // A story goes to the desk with its suggestions settled: what "ready" means is the text as it stands.
  'no-open-suggestions': 'ERROR',
  'no-unresolved-comments': 'WARN',
  'no-legal-flags': 'WARN',
};

export const DEFAULT_WORKFLOW_RULES: WorkflowRules = {
  ready: READY_LEVELS,
  // Publishing is the last gate: what the desk let through with a warning at "ready" must be fixed now.
  published: { ...READY_LEVELS, 'teaser-present': 'ERROR', 'byline-present': 'ERROR', 'figure-caption': 'ERROR', 'no-legal-flags': 'ERROR' },
};

export function isCheckedStatus(status: Status): status is CheckedStatus {
  return (CHECKED_STATUSES as readonly string[]).includes(status);
}

/** Layers partial overrides (user settings, later policy) over the defaults, rule by rule. */
export function mergeWorkflowRules(base: WorkflowRules, override: Partial<Record<CheckedStatus, Partial<RuleLevels>>> | undefined): WorkflowRules {
  const merged = structuredClone(base);
  for (const status of CHECKED_STATUSES) {
    const levels = override?.[status];
    if (!levels) continue;
    for (const rule of RULE_IDS) {
      const level = levels[rule];
      if (level) merged[status][rule] = level;
    }
  }
  return merged;
}
