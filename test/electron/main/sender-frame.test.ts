import { describe, expect, it } from 'vitest';
import { isTrustedSenderFrame, type FrameLike } from '../../../electron/main/sender-frame';

const top = (url: string): FrameLike => ({ url, parent: null });

describe('IPC sender frame check', () => {
  it('trusts the top frame of the app page', () => {
    expect(isTrustedSenderFrame(top('app://lede/index.html'))).toBe(true);
    expect(isTrustedSenderFrame(top('app://lede/index.html#/story/1'))).toBe(true);
    expect(isTrustedSenderFrame(top('app://lede/'), 'app://lede')).toBe(true);
  });

  it('refuses a subframe, even one on the app origin', () => {
    const parent = top('app://lede/index.html');
    expect(isTrustedSenderFrame({ url: 'app://lede/index.html', parent })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'https://ads.example/', parent })).toBe(false);
  });

  it('refuses a frame that is gone (Electron gives null)', () => {
    expect(isTrustedSenderFrame(null)).toBe(false);
    expect(isTrustedSenderFrame(undefined)).toBe(false);
  });

  it.each([
    'https://example.org/',
    'http://127.0.0.1:4817/',
    'file:///home/user/lede/dist/renderer/index.html',
    'app://lede.evil.example/index.html',
    'app://evil/lede',
    'app://user@lede/index.html',
    'app://lede:1/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,hi',
    '',
    'not a url',
  ])('refuses a top frame at %j', (url) => {
    expect(isTrustedSenderFrame(top(url))).toBe(false);
  });

  it('compares against the expected origin given', () => {
    expect(isTrustedSenderFrame(top('app://lede/index.html'), 'app://other')).toBe(false);
  });
});
