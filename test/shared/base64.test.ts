import { describe, expect, it } from 'vitest';
import { isBase64, base64ToBytes, bytesToBase64 } from '../../shared/base64';
import { mulberry32 } from '../helpers/random';

describe('base64', () => {
  const random = mulberry32(64);
  const sizes = [0, 1, 2, 3, 4, 5, 255, 0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 7, 2_000_003];

  it.each(sizes)('round-trips %i random bytes and agrees with Node\'s encoder', (size) => {
    const bytes = Uint8Array.from({ length: size }, () => random.int(256));
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(isBase64(encoded)).toBe(true);
    // Compared as buffers: a deep equal over millions of elements is needlessly slow.
    expect(Buffer.from(base64ToBytes(encoded)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
  });

  it.each(['abc', 'ab=c', 'abcd=', '====', 'abc!', 'ab cd', 'YWJj\n', 'YW-_'])('the pattern refuses %j', (text) => {
    expect(isBase64(text)).toBe(false);
  });

  it.each(['', 'YQ==', 'YWI=', 'YWJj', 'YWJjZA=='])('the pattern accepts %j', (text) => {
    expect(isBase64(text)).toBe(true);
  });
});

describe('bytesToBase64 with Node’s Buffer', () => {
  it('gives what btoa gives, for a view into a larger buffer too', () => {
    const whole = new Uint8Array(100_003);
    for (let i = 0; i < whole.length; i++) whole[i] = (i * 7919) % 256;
    const view = whole.subarray(17, 70_017);
    let binary = '';
    for (const byte of view) binary += String.fromCharCode(byte);
    expect(bytesToBase64(view)).toBe(btoa(binary));
    expect(base64ToBytes(bytesToBase64(view))).toEqual(view);
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });
});
