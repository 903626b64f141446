import { describe, expect, it } from 'vitest';
import { isSafeLinkHref, normaliseLinkInput } from '../../shared/links';

describe('isSafeLinkHref', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:image/svg+xml;base64,PHN2Zz4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'FILE://C:/Windows/win.ini',
    'blob:https://example.com/uuid',
    'ftp://example.com/file',
    'about:blank',
    '/relative/path',
    '#anchor',
    '',
    '   ',
  ])('refuses %j', (href) => {
    expect(isSafeLinkHref(href)).toBe(false);
  });

  it.each(['http://example.com', 'https://www.dw.com/en/syria/a-1', 'HTTPS://EXAMPLE.COM', 'mailto:desk@example.com', 'tel:+49 228 4290'])('allows %j', (href) => {
    expect(isSafeLinkHref(href)).toBe(true);
  });
});

describe('normaliseLinkInput', () => {
  it.each([
    ['example.com', 'https://example.com'],
    ['  www.dw.com/en  ', 'https://www.dw.com/en'],
    ['http://example.com', 'http://example.com'],
    ['mailto:desk@example.com', 'mailto:desk@example.com'],
    ['tel:+492284290', 'tel:+492284290'],
  ])('%j → %j', (input, href) => {
    expect(normaliseLinkInput(input)).toBe(href);
  });

  it.each(['', '   ', 'javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd'])('%j gives no link', (input) => {
    expect(normaliseLinkInput(input)).toBeNull();
  });

  it('never turns anything a person types into an unsafe target', () => {
    for (const input of ['javascript:alert(1)', ' javascript:alert(1)', 'jav&#x09;ascript:alert(1)', '//evil.example', 'example.com/javascript:alert(1)']) {
      const href = normaliseLinkInput(input);
      if (href !== null) expect(isSafeLinkHref(href), input).toBe(true);
    }
  });

  it.each([
    ['example.com:8080/live', 'https://example.com:8080/live'],
    ['localhost:3000', 'https://localhost:3000'],
  ])('treats a host with a port typed without a scheme as a web address (%j)', (input, href) => {
    expect(normaliseLinkInput(input)).toBe(href);
  });
});
