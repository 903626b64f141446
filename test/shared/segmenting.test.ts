import { describe, expect, it } from 'vitest';
import { segmentsOf } from '../../shared/segmenting';
import { countCharacters, countWords } from '../../shared/text-stats';

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const direct = (segmenter: Intl.Segmenter, text: string) => Array.from(segmenter.segment(text), (s) => s.segment);
const pieced = (segmenter: Intl.Segmenter, text: string) => Array.from(segmentsOf(segmenter, text), (s) => s.segment);

/** Long enough to be cut into pieces, short enough to segment whole for comparison. */
const MIXED = Array.from(
  { length: 40 },
  (_, i) =>
    `Paragraph ${i}: the minister’s aide — “no comment” — said Syria's envoy 👍🏽 arrived.  Two  spaces,\r\n` +
    'زار الرئيس السوري موسكو لإجراء محادثات e\u0301te\u0301 Президент Сирии посетил Москву ',
).join('');

describe('segmenting long text in pieces', () => {
  it('gives exactly the segments of segmenting it whole, for words and graphemes', () => {
    expect(MIXED.length).toBeGreaterThan(6000);
    expect(pieced(words, MIXED)).toEqual(direct(words, MIXED));
    expect(pieced(graphemes, MIXED)).toEqual(direct(graphemes, MIXED));
    expect(pieced(words, MIXED).join('')).toBe(MIXED);
  });

  it('one very long line without line breaks is cut before spaces, and counts the same', () => {
    const line = 'The delegation met for a third day in the capital without agreement. '.repeat(120);
    expect(line.length).toBeGreaterThan(8000);
    expect(countWords(line)).toBe(direct(words, line).filter((s) => /\p{L}/u.test(s)).length);
    expect(countWords(line)).toBe(12 * 120);
  });

  it('an unspaced run longer than a piece is cut between code points, never inside a surrogate pair', () => {
    const run = '𠜎叙利亚新领导人访问莫斯科'.repeat(400);
    const pieces = pieced(graphemes, run);
    expect(pieces.join('')).toBe(run);
    expect(pieces.every((segment) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(segment))).toBe(true);
    expect(countCharacters(run)).toBe([...run].length);
  });

  it('a pasted 300,000-character paragraph is counted (segmented whole, this took minutes)', () => {
    const paste = 'The delegation met for a third day in the capital without agreement. '.repeat(4400);
    expect(paste.length).toBeGreaterThan(300_000);
    expect(countWords(paste)).toBe(12 * 4400);
    expect(countCharacters(`${paste}é`)).toBe(paste.length + 1);
  });
});
