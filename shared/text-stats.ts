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

export function countWords(text: string): number {
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
