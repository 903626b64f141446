import { normalizeForSearch } from '../../../shared/search-text';

/**
 * Turns what a person types into an FTS5 query: every word must match, the
 * last one as a prefix (so results follow the typing). Quotes and operators
 * typed by the person are treated as text, never as query syntax.
 */
export function toFtsQuery(input: string): string | null {
  const words = normalizeForSearch(input)
    .split(/[\s\p{Cc}"'’‘“”«»()[\]{}*:^+\-,.;!?/\\|<>=~`@#$%&]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  const endsWithSpace = /\s$/.test(input);
  return words
    .map((word, index) => {
      const quoted = `"${word.replace(/"/g, '""')}"`;
      return index === words.length - 1 && !endsWithSpace ? `${quoted}*` : quoted;
    })
    .join(' ');
}
