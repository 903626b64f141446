/** Counts people see under the editor and beside limited fields. */
import { piecesOf, segmentsOf } from './segmenting';

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
 * Word counts of pieces seen recently. A story's body is counted again after
 * every pause in typing (library row, status line), and a 60,000-word story
 * took 150–250 ms to segment each time; between two counts nearly every
 * paragraph is unchanged, so only the edited one is segmented again. Pieces
 * end at line breaks (one paragraph per line) and no word crosses a piece
 * (segmenting.ts), so the sum is the count of the whole.
 */
const pieceCounts = new Map<string, number>();
const CACHED_PIECE_MIN = 64;
const CACHED_PIECES_MAX = 20_000;

export function countWords(text: string): number {
  let count = 0;
  for (const piece of piecesOf(text)) {
    if (piece.length < CACHED_PIECE_MIN) {
      count += wordsIn(piece);
      continue;
    }
    let counted = pieceCounts.get(piece);
    if (counted === undefined) {
      counted = wordsIn(piece);
      // Bounded: a full cache starts over rather than growing with every text ever counted.
      if (pieceCounts.size >= CACHED_PIECES_MAX) pieceCounts.clear();
      pieceCounts.set(piece, counted);
    }
    count += counted;
  }
  return count;
}

function wordsIn(piece: string): number {
  let count = 0;
  for (const segment of words.segment(piece)) if (segment.isWordLike) count++;
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
