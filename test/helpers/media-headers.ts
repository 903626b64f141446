import { expect } from 'vitest';

/**
 * What both shells must send with a stored photo (web /media and Electron's
 * lede-media://): the headers `answerMediaRequest` decides. One helper, so the
 * two shells' tests cannot drift apart.
 */
export function expectServedMediaHeaders(headers: Headers, contentType: string): void {
  expect(headers.get('content-type')).toBe(contentType);
  expect(headers.get('accept-ranges')).toBe('bytes');
  expect(headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
}
