import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppFile } from '../../../electron/main/app-files';

const rendererDir = path.resolve('/opt/lede/dist/renderer');

describe('app:// files', () => {
  it('serves the page for the bare origin and its files by path', () => {
    expect(resolveAppFile(rendererDir, 'app://lede/')).toEqual({ file: path.join(rendererDir, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    expect(resolveAppFile(rendererDir, 'app://lede')?.file).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://lede/assets/index-Ab12.js')).toEqual({
      file: path.join(rendererDir, 'assets', 'index-Ab12.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile(rendererDir, 'app://lede/index.html?x=1#/story/1')?.file).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://lede/assets/font%20name.woff2')?.file).toBe(path.join(rendererDir, 'assets', 'font name.woff2'));
  });

  it.each([
    'app://lede/../../etc/passwd',
    'app://lede/%2e%2e/%2e%2e/etc/passwd',
    'app://lede/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://lede/..%5c..%5cwindows%5cwin.ini',
    'app://lede/%00index.html',
    'app://lede/%E0%A4%A',
  ])('never leaves the renderer folder: %s', (url) => {
    const found = resolveAppFile(rendererDir, url);
    if (found) expect(found.file.startsWith(rendererDir + path.sep)).toBe(true);
  });

  it('refuses malformed and percent-encoded traversal', () => {
    expect(resolveAppFile(rendererDir, 'app://lede/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(rendererDir, 'app://lede/..%5c..%5cwin.ini')).toBeNull();
    expect(resolveAppFile(rendererDir, 'app://lede/%00')).toBeNull();
  });

  it.each(['app://other/index.html', 'app://user@lede/index.html', 'https://lede/index.html', 'file:///index.html', 'nonsense'])(
    'refuses %s',
    (url) => {
      expect(resolveAppFile(rendererDir, url)).toBeNull();
    },
  );

  it('names the content type of the files Vite writes', () => {
    expect(mimeTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('A.SVG')).toBe('image/svg+xml');
    expect(mimeTypeFor('index.js.map')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('blob.bin')).toBe('application/octet-stream');
  });
});
