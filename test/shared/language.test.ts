import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/config';
import { canonicalLanguageTag, languageDirection } from '../../shared/language';

describe('canonicalLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['EN-us', 'en-US'],
    ['pt-br', 'pt-BR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['sr-latn-rs', 'sr-Latn-RS'],
    [' ar ', 'ar'],
    ['iw', 'he'],
  ])('%j → %j', (input, canonical) => {
    expect(canonicalLanguageTag(input)).toBe(canonical);
  });

  it.each(['', 'en_US', 'not a tag', 'x', 'english!', '12'])('%j is not a tag', (input) => {
    expect(canonicalLanguageTag(input)).toBeNull();
  });
});

describe('languageDirection', () => {
  it.each([
    ['ar', 'rtl'],
    ['ar-EG', 'rtl'],
    ['AR', 'rtl'],
    ['fa', 'rtl'],
    ['fa-IR', 'rtl'],
    ['ur', 'rtl'],
    ['he', 'rtl'],
    ['iw', 'rtl'],
    ['ps', 'rtl'],
    ['ar-Latn', 'ltr'],
    ['az-Arab', 'rtl'],
    ['az-Arab-IR', 'rtl'],
    ['pa-Arab', 'rtl'],
    ['az', 'ltr'],
    ['az-Latn', 'ltr'],
    ['sd-Deva', 'ltr'],
    ['en', 'ltr'],
    ['en-GB', 'ltr'],
    ['zh-Hant', 'ltr'],
    ['ru', 'ltr'],
  ] as const)('%s is %s', (tag, dir) => {
    expect(languageDirection(tag)).toBe(dir);
  });

  it('agrees with the configured language list', () => {
    for (const language of LANGUAGES) expect(languageDirection(language.tag), language.tag).toBe(language.dir);
  });

  it.each([
    // Arabic written with Western digits: the extension says nothing about the script.
    ['ar-u-nu-latn', 'rtl'],
    ['ar-EG-u-nu-latn', 'rtl'],
    ['en-x-arab', 'ltr'],
  ] as const)('reads the script only from the script subtag, not from extensions (%s is %s)', (tag, dir) => {
    expect(languageDirection(tag)).toBe(dir);
  });
});
