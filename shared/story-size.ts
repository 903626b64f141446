/**
 * How long a story may get (issue 18: one paste of 61,000 words once took a
 * laptop and its colleague's down). The limit is generous — a long live
 * blog stays well under it — and the newsroom's policy may change it
 * (`storyWordLimit`). It is checked where text arrives in bulk: a paste or
 * a drop into the body, and a file import. Nothing is half-inserted: the
 * whole paste or import is refused, with the numbers.
 */
export const DEFAULT_STORY_WORD_LIMIT = 150_000;
/** What a policy may set: below this a newsroom could not file a long read. */
export const STORY_WORD_LIMIT_RANGE = { min: 5_000, max: 1_000_000 } as const;

const count = new Intl.NumberFormat('en');

/**
 * Why adding `added` words to a story of `current` words is refused, or
 * null when the result is within `limit`. `what` names the arrival: "This
 * paste", "“report.docx”".
 */
export function storySizeRefusal(what: string, current: number, added: number, limit: number): string | null {
  const total = current + added;
  if (total <= limit) return null;
  const result = current > 0 ? `would make the story ${count.format(total)} words long` : `is ${count.format(total)} words long`;
  return `${what} ${result}; the newsroom's limit for one story is ${count.format(limit)} words. Nothing was added: split it into several stories.`;
}
