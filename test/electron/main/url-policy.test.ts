import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, externalLinkDecision, isAppPage, originOf, schemeForLog } from '../../../electron/main/url-policy';

describe('links opened in the browser', () => {
  it.each([
    ['https://www.reuters.com/world/middle-east/', 'https://www.reuters.com/world/middle-east/'],
    ['http://example.org', 'http://example.org/'],
    ['HTTPS://EXAMPLE.ORG/a b', 'https://example.org/a%20b'],
  ])('opens %s (normalised)', (raw, expected) => {
    expect(externalLinkDecision(raw)).toEqual({ allowed: true, url: expected });
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ms-msdt:/id PCWDiagnostic',
    'smb://attacker/share',
    'app://lede/index.html',
    'lede-media://sha256/abc',
    'mailto:desk@example.org',
    'ftp://example.org/file',
    'chrome://settings',
    'about:blank',
    'blob:https://example.org/uuid',
    'https://user:secret@example.org/',
    'https://example.org@evil.example/',
    'http://',
    'https:',
    '//example.org/path',
    'not a url',
    '',
  ])('refuses %j', (raw) => {
    const decision = externalLinkDecision(raw);
    expect(decision.allowed).toBe(false);
  });

  it('refuses non-strings and absurdly long URLs', () => {
    expect(externalLinkDecision(undefined).allowed).toBe(false);
    expect(externalLinkDecision({ href: 'https://example.org' }).allowed).toBe(false);
    expect(externalLinkDecision(`https://example.org/${'a'.repeat(10_000)}`).allowed).toBe(false);
  });

  it('says why a link was refused', () => {
    expect(externalLinkDecision('file:///etc/passwd')).toEqual({ allowed: false, reason: 'the file: scheme is not opened outside Lede' });
    expect(externalLinkDecision('::')).toEqual({ allowed: false, reason: 'not a valid URL' });
  });
});

describe('the app page', () => {
  it('has the app:// origin although the URL standard calls custom origins "null"', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(originOf(APP_ENTRY_URL)).toBe(APP_ORIGIN);
    expect(APP_ORIGIN).toBe('app://lede');
  });

  it.each(['app://lede/', 'app://lede/index.html', 'app://lede/index.html#/story/3f2c', 'app://lede/?x=1', 'app://lede'])('allows %s', (url) => {
    expect(isAppPage(url)).toBe(true);
  });

  it.each([
    'app://lede/assets/index.js',
    'app://other/index.html',
    'app://lede.evil/index.html',
    'app://lede:8080/index.html',
    'app://user@lede/index.html',
    'https://lede/index.html',
    'http://127.0.0.1:4817/',
    'file:///index.html',
    'javascript:alert(1)',
    'about:blank',
    '',
  ])('blocks navigation to %s', (url) => {
    expect(isAppPage(url)).toBe(false);
  });

  it('logs only the scheme of a refused URL', () => {
    expect(schemeForLog('https://example.org/?token=secret')).toBe('https:');
    expect(schemeForLog('nope')).toBe('unparseable');
  });
});
