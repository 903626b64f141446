import type { FieldLimit } from './config';
import { countCharacters } from './text-stats';

export type LimitLevel = 'ok' | 'warn' | 'error';

export interface LimitCheck {
  count: number;
  level: LimitLevel;
  /** What to tell the person, empty when within the soft limit. */
  message: string;
}

/** Checks plain text against a soft (warn) and hard (error) limit. */
export function checkLimit(label: string, text: string, limit: FieldLimit): LimitCheck {
  const count = countCharacters(text);
  if (count > limit.error) {
    return { count, level: 'error', message: `${label} is ${count - limit.error} over the limit of ${limit.error} characters.` };
  }
  if (count > limit.warn) {
    return { count, level: 'warn', message: `${label} is longer than the recommended ${limit.warn} characters.` };
  }
  return { count, level: 'ok', message: '' };
}
