/**
 * Text as the search index sees it, the same for what is indexed and for what
 * a person types:
 * - accents on Latin, Greek and Cyrillic letters are dropped ("José" = "jose",
 *   "Μόσχα" = "μοσχα"), as are Arabic short-vowel marks; marks that carry
 *   meaning in other scripts (Devanagari vowel signs…) are kept;
 * - Chinese, Japanese and Thai, written without spaces, are split into words
 *   with the platform's word segmenter, so a word inside a sentence is found.
 */
import { segmentsOf } from './segmenting';

const ACCENTS = /(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu;
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}ー]+/gu;

let segmenter: Intl.Segmenter | null = null;

export function normalizeForSearch(text: string): string {
  let result = text.normalize('NFKD').replace(ACCENTS, '').replace(ARABIC_MARKS, '');
  if (UNSPACED_RUN.test(result)) {
    UNSPACED_RUN.lastIndex = 0;
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    const words = segmenter;
    result = result.replace(UNSPACED_RUN, (run) => ` ${Array.from(segmentsOf(words, run), (s) => s.segment).join(' ')} `);
  }
  return result.normalize('NFC');
}
