/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * base·2ⁿ (capped), so a newsroom's laptops coming back at once after a
 * server restart do not all knock at the same moment.
 */
export function backoffDelay(attempt: number, options: { baseMs?: number; maxMs?: number; random?: () => number } = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const cap = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round(cap / 2 + (options.random ?? Math.random)() * (cap / 2));
}
