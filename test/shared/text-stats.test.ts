import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes, textStats } from '../../shared/text-stats';

describe('countWords', () => {
  it.each([
    ['English with an apostrophe', "Syria's new leader visits Moscow for talks with Putin", 9],
    ['curly apostrophe', 'Syria’s new leader', 3],
    ['punctuation is not a word', 'Moscow — again!', 2],
    ['numbers are words', 'On October 15, 2025', 4],
    ['hyphenated names split', 'Ahmed al-Sharaa', 3],
    ['Arabic', 'زار الرئيس السوري موسكو لإجراء محادثات', 6],
    ['Persian', 'رئیس جمهور سوریه به مسکو رفت', 6],
    ['Russian', 'Президент Сирии посетил Москву', 4],
    ['empty', '', 0],
    ['only spaces and line breaks', ' \n\t ', 0],
  ])('%s', (_what, text, count) => {
    expect(countWords(text)).toBe(count);
  });

  it.each([
    ['Chinese', '叙利亚新领导人访问莫斯科'],
    ['Japanese', '日本の首相がモスクワを訪問した'],
  ])('segments %s into several words, not one run and not one per character', (_language, text) => {
    const count = countWords(text);
    expect(count).toBeGreaterThan(2);
    expect(count).toBeLessThan([...text].length);
  });
});

describe('reading time', () => {
  it.each([
    [0, 0],
    [1, 1],
    [230, 1],
    [344, 1],
    [345, 2],
    [10_000, 43],
  ])('%i words read in %i minutes', (words, minutes) => {
    expect(readingMinutes(words)).toBe(minutes);
  });

  it('textStats puts words, characters and minutes together', () => {
    expect(textStats('Moscow had been the main ally.')).toEqual({ words: 6, characters: 30, readingMinutes: 1 });
  });
});

describe('countWords on a long story, counted again after an edit', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  // The reference: every word segment of every line, with no cache involved.
  const reference = (text: string) => text.split('\n').reduce((sum, line) => sum + [...segmenter.segment(line)].filter((s) => s.isWordLike).length, 0);
  const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} tells of the talks in Moscow, where Sharaa met Putin for ${i % 7} hours.`);

  it('gives the same count as segmenting the whole text, before and after one paragraph changes', () => {
    const before = paragraphs.join('\n');
    expect(countWords(before)).toBe(reference(before));
    const edited = [...paragraphs];
    edited[200] = `${edited[200]} Three more words.`;
    const after = edited.join('\n');
    expect(countWords(after)).toBe(reference(after));
    expect(countWords(after) - countWords(before)).toBe(3);
    // Counted again unchanged: the same.
    expect(countWords(before)).toBe(reference(before));
  });

  it('counts a piece once even when the same paragraph appears many times', () => {
    const repeated = Array.from({ length: 50 }, () => paragraphs[3]).join('\n');
    expect(countWords(repeated)).toBe(reference(repeated));
  });
});

describe('countWords after an edit near the start of a long text', () => {
  it('counts the same as without any cache when every later line moves', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    const reference = (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).length;
    const lines = Array.from({ length: 300 }, (_, i) => `Line ${i}: the ferry crossing to Varholm ran again after dark, the council said on Tuesday.`);
    const before = lines.join('\n');
    const after = ['Two words ' + lines[0], ...lines.slice(1)].join('\n');
    expect(countWords(before)).toBe(reference(before));
    expect(countWords(after)).toBe(reference(after));
    expect(countWords('\n\nOne\n\n two \n')).toBe(2);
    expect(countWords('')).toBe(0);
  });
});
