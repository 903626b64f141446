import { describe, expect, it } from 'vitest';
import { checkLimit } from '../../shared/limits';
import { countCharacters } from '../../shared/text-stats';

const LIMIT = { warn: 5, error: 8 };

describe('checkLimit', () => {
  it.each([
    ['', 0, 'ok'],
    ['abcde', 5, 'ok'],
    ['abcdef', 6, 'warn'],
    ['abcdefgh', 8, 'warn'],
    ['abcdefghi', 9, 'error'],
  ] as const)('%j counts %i and is %s', (text, count, level) => {
    expect(checkLimit('Headline', text, LIMIT)).toMatchObject({ count, level });
  });

  it('says nothing within the soft limit, warns past it, and says how far over the hard limit', () => {
    expect(checkLimit('Headline', 'abc', LIMIT).message).toBe('');
    expect(checkLimit('Headline', 'abcdef', LIMIT).message).toMatch(/^Headline .*5/);
    expect(checkLimit('Kicker', 'abcdefghijk', LIMIT).message).toMatch(/^Kicker is 3 over the limit of 8/);
  });

  it('counts what a reader sees: accents and emoji count once, composed or not', () => {
    const composed = 'Jos\u00e9 '.repeat(1) + 'caf\u00e9'; // 9 characters
    const decomposed = composed.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(composed.length);
    expect(checkLimit('Headline', composed, { warn: 9, error: 9 }).level).toBe('ok');
    expect(checkLimit('Headline', decomposed, { warn: 9, error: 9 }).level).toBe('ok');
    expect(checkLimit('Headline', `${decomposed}!`, { warn: 9, error: 9 }).level).toBe('error');
  });
});

describe('countCharacters', () => {
  it.each([
    ['é composed', '\u00e9', 1],
    ['é decomposed', 'e\u0301', 1],
    ['thumbs up with skin tone', '👍🏽', 1],
    ['family (ZWJ sequence)', '👨‍👩‍👧', 1],
    ['flag', '🇸🇾', 1],
    ['Arabic with harakat', 'سُورِيَا', 5],
    ['Devanagari conjunct', 'क्षि', 1],
    ['CR LF as one line break', 'a\r\nb', 3],
    ['CR LF beside non-ASCII', 'é\r\né', 3],
    ['plain ASCII', 'Syria', 5],
    ['empty', '', 0],
  ])('%s counts %i', (_what, text, count) => {
    expect(countCharacters(text as string)).toBe(count);
  });
});
