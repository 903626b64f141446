import { describe, expect, it } from 'vitest';
import { NO_CULL, type CullValues } from '../../../shared/media-cull';
import { cullForKey, describeCullChange, isCullKey } from '../../../renderer/photos/culling';

const photo = (values: Partial<CullValues>): CullValues => ({ ...NO_CULL, ...values });
const key = (k: string, target: EventTarget | null = null, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('the culling keys', () => {
  it('0–5 set the stars on every photo, whatever they had', () => {
    expect(cullForKey('0', [photo({ rating: 3 })])).toEqual({ rating: 0 });
    expect(cullForKey('5', [photo({ rating: 1 }), photo({})])).toEqual({ rating: 5 });
  });

  it('6–9 set red, yellow, green, blue; the key of the label every photo has already takes it off', () => {
    expect(cullForKey('6', [photo({})])).toEqual({ label: 'red' });
    expect(cullForKey('9', [photo({})])).toEqual({ label: 'blue' });
    expect(cullForKey('7', [photo({ label: 'yellow' })])).toEqual({ label: 'none' });
    // Mixed: one has it, one not — the key gives it to all.
    expect(cullForKey('8', [photo({ label: 'green' }), photo({ label: 'red' })])).toEqual({ label: 'green' });
  });

  it('T and X toggle the tag and the rejection: on for all unless all have it', () => {
    expect(cullForKey('t', [photo({ tagged: true }), photo({})])).toEqual({ tagged: true });
    expect(cullForKey('T', [photo({ tagged: true }), photo({ tagged: true })])).toEqual({ tagged: false });
    expect(cullForKey('x', [photo({})])).toEqual({ rejected: true });
    expect(cullForKey('X', [photo({ rejected: true })])).toEqual({ rejected: false });
  });

  it('other keys are not culling', () => {
    expect(cullForKey('a', [photo({})])).toBeNull();
    expect(cullForKey('6', [])).toEqual({ label: 'red' });
  });

  it('never fire with a modifier or while typing in a field', () => {
    expect(isCullKey(key('3'))).toBe(true);
    expect(isCullKey(key('3', null, { ctrlKey: true }))).toBe(false);
    expect(isCullKey(key('x', null, { metaKey: true }))).toBe(false);
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    const inside = document.createElement('span');
    editor.append(inside);
    document.body.append(input, textarea, editor);
    expect(isCullKey(key('3', input))).toBe(false);
    expect(isCullKey(key('t', textarea))).toBe(false);
    expect(isCullKey(key('x', inside))).toBe(false);
    expect(isCullKey(key('x', document.body))).toBe(true);
  });

  it('say what was done in words', () => {
    expect(describeCullChange({ rating: 0 })).toBe('Stars cleared');
    expect(describeCullChange({ rating: 1 })).toBe('1 star');
    expect(describeCullChange({ label: 'yellow' })).toBe('Yellow label');
    expect(describeCullChange({ rejected: true })).toBe('Rejected');
  });
});
