/** Counts people see under the editor and beside limited fields. */
import { segmentsOf } from './segmenting';

const WORDS_PER_MINUTE = 230;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Characters as a reader sees them: "é" or "👍🏽" count once. */
export function countCharacters(text: string): number {
  let count = 0;
  // ASCII fast path: one code unit per grapheme except CR LF.
  if (/^[\x00-\x7f]*$/.test(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0);
  for (const _ of segmentsOf(graphemes, text)) count++;
  return count;
}

/**
 * Word counts of lines seen recently. A story's body is counted again after
 * every pause in typing (library row, status line), and a 60,000-word story
 * took 150–250 ms to segment each time; between two counts nearly every
 * paragraph (one per line) is unchanged, so only the edited one is
 * segmented again. No word crosses a line break, so the sum is the count
 * of the whole. Lines, not segmenting pieces, are the keys: a piece's end
 * moves when text before it changes, a line's does not.
 */
const lineCounts = new Map<string, number>();
const CACHED_LINE_MIN = 64;
const CACHED_LINES_MAX = 20_000;

export function countWords(text: string): number {
  let count = 0;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    count += lineWords(start === 0 && end === text.length ? text : text.slice(start, end));
    start = end + 1;
  }
  return count;
}

function lineWords(line: string): number {
  if (line.length < CACHED_LINE_MIN) return wordsIn(line);
  let counted = lineCounts.get(line);
  if (counted === undefined) {
    counted = wordsIn(line);
    // Bounded: a full cache starts over rather than growing with every text ever counted.
    if (lineCounts.size >= CACHED_LINES_MAX) lineCounts.clear();
    lineCounts.set(line, counted);
  }
  return counted;
}

function wordsIn(text: string): number {
  let count = 0;
  for (const segment of segmentsOf(words, text)) if (segment.isWordLike) count++;
  return count;
}

/** Whole minutes, at least one for any text. */
export function readingMinutes(wordCount: number): number {
  return wordCount === 0 ? 0 : Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}

export interface TextStats {
  words: number;
  characters: number;
  readingMinutes: number;
}

export function textStats(text: string): TextStats {
  const wordCount = countWords(text);
  return { words: wordCount, characters: countCharacters(text), readingMinutes: readingMinutes(wordCount) };
}
