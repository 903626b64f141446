import { describe, expect, it } from 'vitest';
import { dictionariesFor, dictionaryFor, HUNSPELL_LANGUAGES } from '../../../electron/main/spellcheck-languages';

describe('spellcheck dictionary for a story language', () => {
  const cases: Array<[string, string | null]> = [
    ['en', 'en-US'],
    ['en-GB', 'en-GB'],
    ['en-gb', 'en-GB'],
    ['en-IE', 'en-US'],
    ['pt', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'pt-PT'],
    ['de', 'de'],
    ['de-AT', 'de'],
    ['fr-CA', 'fr'],
    ['es-MX', 'es-MX'],
    ['es-CO', 'es'],
    ['no', 'nb'],
    ['nb-NO', 'nb'],
    ['iw', 'he'],
    ['uk', 'uk'],
    ['fa', 'fa'],
    // No Hunspell dictionary: not checked, rather than checked in the wrong language.
    ['ar', null],
    ['ur', null],
    ['ja', null],
    ['zh-Hant', null],
    // Not a language tag at all.
    ['', null],
    ['english', null],
    ['x-klingon', null],
  ];
  for (const [tag, expected] of cases) {
    it(`${tag || '(empty)'} → ${expected ?? 'none'}`, () => {
      expect(dictionaryFor(tag)).toBe(expected);
    });
  }

  it('prefers what the session says it has', () => {
    expect(dictionaryFor('en', ['en-GB', 'de'])).toBe('en-GB');
    expect(dictionaryFor('de-CH', ['de-DE', 'de-CH'])).toBe('de-CH');
    expect(dictionaryFor('de-AT', ['de-DE'])).toBe('de-DE');
  });

  it('gives the story language first, then the extras, without repeats or gaps', () => {
    expect(dictionariesFor(['pt-BR', 'en', 'en-US', 'ar', 'cy'])).toEqual(['pt-BR', 'en-US', 'cy']);
    expect(dictionariesFor(['ar'])).toEqual([]);
  });

  it('knows only codes Electron can download', () => {
    for (const code of HUNSPELL_LANGUAGES) expect(code).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  });
});
