import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, NO_ELECTRON_MESSAGE } from '../../../scripts/electron-binary.mjs';
import { makeTempDir } from '../../helpers/temp-dir';

/** A repository folder with node_modules/electron laid out as given. */
function fakeRepo(layout: { pathTxt?: string; files?: string[]; dirs?: string[] }): string {
  const root = makeTempDir('lede-electron-layout-');
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"45.5.0"}');
  if (layout.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), layout.pathTxt);
  for (const dir of layout.dirs ?? []) fs.mkdirSync(path.join(pkg, 'dist', dir), { recursive: true });
  for (const file of layout.files ?? []) {
    fs.mkdirSync(path.dirname(path.join(pkg, 'dist', file)), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'dist', file), '#!/bin/sh\n');
  }
  return root;
}

describe('finding the Electron binary without requiring electron', () => {
  it('finds the binary that path.txt names inside dist/', () => {
    const root = fakeRepo({ pathTxt: 'electron', files: ['electron'] });
    expect(findElectronBinary(root, {})).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('finds the macOS app bundle binary and trims a trailing newline', () => {
    const inner = 'Electron.app/Contents/MacOS/Electron';
    const root = fakeRepo({ pathTxt: `${inner}\n`, files: [inner] });
    expect(findElectronBinary(root, {})).toBe(path.join(root, 'node_modules', 'electron', 'dist', inner));
  });

  it('says none when the package was installed without its binary (this machine)', () => {
    expect(findElectronBinary(fakeRepo({}), {})).toBeNull();
    expect(findElectronBinary(fakeRepo({ pathTxt: 'electron' }), {})).toBeNull();
    expect(findElectronBinary(fakeRepo({ pathTxt: 'electron', dirs: ['electron'] }), {})).toBeNull();
    expect(findElectronBinary(fakeRepo({ pathTxt: '', files: ['electron'] }), {})).toBeNull();
    expect(findElectronBinary(makeTempDir(), {})).toBeNull();
  });

  it('does not follow a path.txt that points outside dist/', () => {
    const root = fakeRepo({ pathTxt: '../../../outside', files: [] });
    fs.writeFileSync(path.join(root, 'outside'), '');
    expect(findElectronBinary(root, {})).toBeNull();
    expect(findElectronBinary(fakeRepo({ pathTxt: '/bin/sh' }), {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron itself does', () => {
    const root = fakeRepo({ pathTxt: 'electron' });
    const override = makeTempDir('lede-electron-dist-');
    fs.writeFileSync(path.join(override, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
    expect(findElectronBinary(root, {})).toBeNull();
    // Like electron's index.js, an override works without path.txt, naming the binary "electron".
    expect(findElectronBinary(fakeRepo({}), { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
    expect(findElectronBinary(fakeRepo({}), { ELECTRON_OVERRIDE_DIST_PATH: makeTempDir() })).toBeNull();
  });

  it('explains the fallback in one line', () => {
    expect(NO_ELECTRON_MESSAGE).not.toContain('\n');
    expect(NO_ELECTRON_MESSAGE).toMatch(/Electron is not installed.*web shell/);
  });
});
