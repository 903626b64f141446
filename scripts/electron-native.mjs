// Native modules for the Electron shell during development (`npm start`).
//
// The tests load better-sqlite3-multiple-ciphers built for Node; Electron's utility process
// needs a build for Electron's ABI. Rebuilding in place would break the tests
// (docs/dependencies.md), so the Electron build goes into dist/electron/node_modules,
// which dist/electron/core-host.mjs resolves before the repository's copy.
// Packaged apps get theirs from electron-builder instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const MODULES = ['better-sqlite3-multiple-ciphers'];
// The parts of a native package needed to build and load it.
const PACKAGE_PARTS = ['package.json', 'binding.gyp', 'lib', 'src', 'deps'];

export function electronVersion(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** Builds (once per Electron version) the native modules core needs under Electron. */
export function ensureElectronNativeModules(root) {
  const version = electronVersion(root);
  for (const name of MODULES) {
    const source = path.join(root, 'node_modules', name);
    const target = path.join(root, 'dist', 'electron', 'node_modules', name);
    const stamp = path.join(target, '.built-for-electron');
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) continue;
    console.log(`Building ${name} for Electron ${version} (once; needs network access to Electron's headers)…`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    for (const part of PACKAGE_PARTS) {
      const from = path.join(source, part);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(target, part), { recursive: true });
    }
    const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
    // A prebuilt binary when the project publishes one, else compile against Electron's headers.
    const prebuilt = spawnSync(process.execPath, [path.join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', version], { cwd: target, env, stdio: 'inherit' });
    if (prebuilt.status !== 0) {
      const gyp = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
        cwd: target,
        env,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
      if (gyp.status !== 0) {
        fs.rmSync(target, { recursive: true, force: true });
        throw new Error(`Could not build ${name} for Electron ${version}. The web shell (npm run web) works without it.`);
      }
    }
    fs.writeFileSync(stamp, version);
  }
}
