import { describe, expect, it } from 'vitest';
import { isCleanSlug, slugify } from '../../../renderer/story/slug';

describe('slugify', () => {
  it('makes lowercase hyphenated ASCII from a headline', () => {
    expect(slugify("Syria's new leader visits Moscow for talks with Putin")).toBe('syrias-new-leader-visits-moscow-for-talks-with-putin');
  });

  it('folds accents and a few letters that do not decompose', () => {
    expect(slugify('Sánchez meets Łukasz in Straße — Ærø')).toBe('sanchez-meets-lukasz-in-strasse-aero');
  });

  it('gives an empty slug for scripts with no ASCII form', () => {
    expect(slugify('الرئيس السوري يزور موسكو')).toBe('');
  });

  it('cuts long slugs at a word boundary', () => {
    const slug = slugify('word '.repeat(40), 30);
    expect(slug.length).toBeLessThanOrEqual(30);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((part) => part === 'word')).toBe(true);
  });

  it('recognises clean slugs', () => {
    expect(isCleanSlug('a-clean-slug-2025')).toBe(true);
    expect(isCleanSlug('Not Clean')).toBe(false);
    expect(isCleanSlug('double--hyphen')).toBe(false);
  });
});
