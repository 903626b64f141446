import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../scripts/build-steps.mjs';
import { builderConfig, packageApp } from '../../scripts/dist.mjs';
import { stageApp } from '../../scripts/stage-app.mjs';
import { repoRoot } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * The real packaging configuration (package.json `build`, scripts/stage-app.mjs,
 * build/after-pack.cjs) applied by the real electron-builder to the real build
 * output. Only Electron itself is a stand-in: it cannot be downloaded here, so
 * electron-builder gets an unpacked "Electron" whose binary carries a fuse
 * wire, and the native rebuild (which needs Electron's headers) is skipped.
 */
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(file: string, options?: object): string[]; statFile(archive: string, file: string): { unpacked?: boolean } };
const fuses = require('@electron/fuses') as { getCurrentFuseWire(file: string): Promise<Record<number, number>>; FuseV1Options: Record<string, number> };
const afterPack = require('../../build/after-pack.cjs') as { LEDE_FUSES: Record<string, boolean> };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuses as shipped: RunAsNode, cookie encryption off… ('1' on, '0' off). */
const SHIPPED_WIRE = '10111001';

let work: string;
let unpacked: string;
let archive: string;
let files: string[];
let staged: ReturnType<typeof stageApp>;
let nativeBefore: string | null;

function hash(file: string): string | null {
  return fs.existsSync(file) ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null;
}

const nativeBuild = path.join(repoRoot, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');

beforeAll(async () => {
  await buildIfStale();
  nativeBefore = hash(nativeBuild);
  work = makeTempDir('lede-packaging-');
  staged = stageApp({ outDir: path.join(work, 'app') });

  const electronDist = path.join(work, 'electron-dist');
  fs.mkdirSync(electronDist, { recursive: true });
  fs.writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('stand-in electron\n'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(SHIPPED_WIRE)]));
  fs.chmodSync(path.join(electronDist, 'electron'), 0o755);

  await packageApp({
    projectDir: staged.outDir,
    target: 'linux',
    dirOnly: true,
    overrides: { electronDist, npmRebuild: false, directories: { buildResources: 'build', output: path.join(work, 'out') } },
  });
  unpacked = path.join(work, 'out', 'linux-unpacked');
  archive = path.join(unpacked, 'resources', 'app.asar');
  files = asar.listPackage(archive, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
}, 180_000);

describe('the packaged app', () => {
  it('holds main, preload, the core host and the renderer, and nothing of the sources', () => {
    for (const file of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/core-host.mjs', '/dist/renderer/index.html']) {
      expect(files, file).toContain(file);
    }
    expect(files.some((file) => /^\/dist\/renderer\/assets\/index-.*\.js$/.test(file))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('/dist/web') || file.startsWith('/dist/electron/node_modules'))).toEqual([]);
    expect(files.filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes('/node_modules/'))).toEqual([]);
    expect(files.filter((file) => /^\/(electron|renderer|shared|test|scripts|bench|docs)\//.test(file))).toEqual([]);
  });

  it('lists only the native modules in its package.json, at the versions the tests use', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(staged.outDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    expect(pkg).toMatchObject({ name: 'lede', productName: 'Lede', main: 'dist/electron/main.cjs' });
    const version = (name: string) => lock.packages[`node_modules/${name}`]!.version;
    expect(staged.dependencies).toEqual({ 'better-sqlite3-multiple-ciphers': version('better-sqlite3-multiple-ciphers'), sharp: version('sharp'), 'exiftool-vendored': version('exiftool-vendored') });
    expect(pkg.packageManager).toMatch(/^npm@/);
  });

  it('ships better-sqlite3-multiple-ciphers with its run-time dependencies, unpacked from the asar, without the Node build', () => {
    for (const file of ['/node_modules/better-sqlite3-multiple-ciphers/package.json', '/node_modules/better-sqlite3-multiple-ciphers/lib/index.js', '/node_modules/bindings/bindings.js', '/node_modules/file-uri-to-path/package.json']) {
      expect(files, file).toContain(file);
    }
    expect(asar.statFile(archive, 'node_modules/better-sqlite3-multiple-ciphers/lib/index.js').unpacked).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'lib', 'index.js'))).toBe(true);
    // The Node build must never ship (Electron's is made by the rebuild), nor the C sources.
    expect(files.filter((file) => file.startsWith('/node_modules/better-sqlite3-multiple-ciphers/build/'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('/node_modules/better-sqlite3-multiple-ciphers/deps/') || file.startsWith('/node_modules/better-sqlite3-multiple-ciphers/src/'))).toEqual([]);
  });

  it('unpacks the photo desk’s native modules (sharp, libvips, exiftool) too', () => {
    const outside = path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules');
    const platformPackage = `@img/sharp-${process.platform}-${process.arch}`;
    for (const name of ['sharp', platformPackage, `@img/sharp-libvips-${process.platform}-${process.arch}`, 'exiftool-vendored', 'exiftool-vendored.pl']) {
      expect(fs.existsSync(path.join(outside, name, 'package.json')), name).toBe(true);
    }
    const addons = fs.readdirSync(path.join(outside, platformPackage, 'lib')).filter((file) => file.endsWith('.node'));
    expect(addons.length, `${platformPackage} native addon`).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(outside, 'exiftool-vendored.pl', 'bin', 'exiftool'))).toBe(true);
  });

  it('has its Electron fuses flipped after packing', async () => {
    const wire = await fuses.getCurrentFuseWire(path.join(unpacked, 'lede'));
    const on = '1'.charCodeAt(0);
    const off = '0'.charCodeAt(0);
    const expected: Record<string, boolean> = {
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    };
    for (const [name, value] of Object.entries(expected)) {
      expect(afterPack.LEDE_FUSES[name], name).toBe(value);
      expect(wire[fuses.FuseV1Options[name]!], name).toBe(value ? on : off);
    }
  });

  it('embeds the generic update feed electron-updater starts from (the policy sets the real one)', () => {
    const update = fs.readFileSync(path.join(unpacked, 'resources', 'app-update.yml'), 'utf8');
    expect(update).toContain('provider: generic');
  });

  it('never rebuilt the native module the tests load', () => {
    expect(hash(nativeBuild)).toBe(nativeBefore);
  });
});

describe('installer configuration', () => {
  const config = builderConfig(repoRoot) as Record<string, any>;

  it('makes every target the newsroom installs from', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg', 'zip']);
  });

  it('installs per machine on Windows, silently with /S, and never deletes user data', () => {
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, deleteAppDataOnUninstall: false, include: 'build/installer.nsh' });
    const include = fs.readFileSync(path.join(repoRoot, 'build', 'installer.nsh'), 'utf8');
    expect(include).not.toMatch(/RMDir|\$APPDATA/);
  });

  it('names artifacts with version and architecture', () => {
    for (const name of [config.artifactName, config.nsis.artifactName]) {
      expect(name).toContain('${version}');
      expect(name).toContain('${arch}');
    }
  });

  it('rebuilds natives only in the staged project, with the afterPack fuse hook and the pinned Electron', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { build: { npmRebuild: boolean }; devDependencies: Record<string, string> };
    // Run by hand on the repository, electron-builder would not rebuild (and so not break the tests' module).
    expect(pkg.build.npmRebuild).toBe(false);
    expect(config.npmRebuild).toBe(true);
    expect(config.electronVersion).toBe(pkg.devDependencies.electron);
    expect(config.afterPack).toBe(path.join(repoRoot, 'build', 'after-pack.cjs'));
  });

  it('renders every icon size from the one SVG source', () => {
    const icons = path.join(staged.outDir, 'build', 'icons');
    const width = (file: string) => fs.readFileSync(path.join(icons, file)).readUInt32BE(16);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) expect(width(`${size}x${size}.png`)).toBe(size);
    const ico = fs.readFileSync(path.join(icons, 'icon.ico'));
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 7]);
    const icns = fs.readFileSync(path.join(icons, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});
