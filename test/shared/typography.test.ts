import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/config';
import { QUOTE_MARKS, quoteMarksFor, typographicQuote } from '../../shared/typography';

/** What " and ' become while typing, per story language (ADR 0063). */
function typed(text: string, tag: string): string {
  let out = '';
  for (const char of text) out += char === '"' || char === "'" ? typographicQuote(char, out, tag) : char;
  return out;
}

describe('typographic quotes', () => {
  it.each([
    ['en', `"It's over," she said. 'Really?'`, '“It’s over,” she said. ‘Really?’'],
    ['de', `Er sagte: "Das ist 'so' gut."`, 'Er sagte: „Das ist ‚so‘ gut.“'],
    ['de', `Hans' Auto`, 'Hans’ Auto'],
    ['fr', `Il a dit "oui" et l'a signé.`, 'Il a dit «oui» et l’a signé.'],
    ['ru', `Он сказал "да".`, 'Он сказал «да».'],
    ['pl', `Powiedział "tak".`, 'Powiedział „tak”.'],
    ['pt-PT', `Disse "sim".`, 'Disse «sim».'],
    ['pt-BR', `Disse "sim".`, 'Disse “sim”.'],
    ['ar', `قال "نعم".`, 'قال «نعم».'],
    ['ja', `彼は"はい"と言った。`, '彼は「はい」と言った。'],
    ['he', `אמר "כן".`, 'אמר ”כן”.'],
  ])('%s: %s', (tag, input, output) => {
    expect(typed(input, tag)).toBe(output);
  });

  it('opens after the start of a paragraph, a space, a bracket or a dash; closes after a word', () => {
    expect(typographicQuote('"', '', 'en')).toBe('“');
    expect(typographicQuote('"', 'said (', 'en')).toBe('“');
    expect(typographicQuote('"', 'word —', 'en')).toBe('“');
    expect(typographicQuote('"', 'word', 'en')).toBe('”');
    expect(typographicQuote('"', 'word.', 'en')).toBe('”');
  });

  it('has marks for every language Lede offers, and English ones for a language it does not list', () => {
    for (const { tag } of LANGUAGES) expect(QUOTE_MARKS[tag], tag).toBeDefined();
    expect(quoteMarksFor('xx-Latn')).toEqual(QUOTE_MARKS.en);
    expect(quoteMarksFor('DE-at')).toEqual(QUOTE_MARKS.de);
    expect(quoteMarksFor('')).toEqual(QUOTE_MARKS.en);
  });
});
