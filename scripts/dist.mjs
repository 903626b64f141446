// `npm run dist:linux | dist:win | dist:mac [-- --dir]`: the installers, on a
// machine with network access (electron-builder downloads Electron, its
// headers for the native rebuild, and the installer tools). Build, stage the
// app in release/app (scripts/stage-app.mjs), then run electron-builder with
// the staged folder as its project, so the native rebuild for Electron
// happens there and never in this repository's node_modules (ADR 0022).
// Installers land in release/installers. See docs/admin-guide.md.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAll, root } from './build-steps.mjs';
import { electronVersion } from './electron-native.mjs';
import { stageApp } from './stage-app.mjs';

export const TARGET_PLATFORMS = { linux: 'linux', win: 'win32', mac: 'darwin' };
const PLATFORM_NAMES = { linux: 'Linux', win: 'Windows', mac: 'macOS' };

/** The electron-builder configuration for the staged app: package.json's `build`, plus what only this script knows. */
export function builderConfig(repoRoot, overrides = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return {
    ...pkg.build,
    electronVersion: electronVersion(repoRoot),
    // Safe here: the project is the staged folder, so @electron/rebuild stays inside it.
    npmRebuild: true,
    afterPack: path.join(repoRoot, 'build', 'after-pack.cjs'),
    ...overrides,
  };
}

/** Runs electron-builder on a staged app folder. `dirOnly` packs without making installers. */
export async function packageApp({ repoRoot = root, projectDir, target, dirOnly = false, overrides = {} }) {
  const { build, Platform } = await import('electron-builder');
  const platform = { linux: Platform.LINUX, win: Platform.WINDOWS, mac: Platform.MAC }[target];
  return build({
    projectDir,
    config: builderConfig(repoRoot, overrides),
    targets: platform.createTarget(dirOnly ? ['dir'] : null),
    publish: 'never',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2];
  const dirOnly = process.argv.includes('--dir');
  if (!Object.hasOwn(TARGET_PLATFORMS, target)) {
    console.error('Usage: node scripts/dist.mjs linux|win|mac [--dir]');
    process.exit(2);
  }
  if (TARGET_PLATFORMS[target] !== process.platform) {
    console.error(
      `Build the ${PLATFORM_NAMES[target]} installer on ${PLATFORM_NAMES[target]}: Lede's native modules (better-sqlite3-multiple-ciphers and the photo tools) ` +
        'are compiled for Electron on the system that builds them. See docs/admin-guide.md.',
    );
    process.exit(2);
  }
  // An npm `nodedir` (set on machines that build the SQLite module offline for
  // Node) would make the Electron rebuild compile against Node's headers: a
  // module that loads in no Electron. The rebuild must fetch Electron's.
  for (const key of Object.keys(process.env)) {
    if (key.toLowerCase() === 'npm_config_nodedir') {
      console.log(`Ignoring npm's nodedir (${process.env[key]}) for the Electron rebuild: it needs Electron's headers, not Node's.`);
      delete process.env[key];
    }
  }
  const started = Date.now();
  await buildAll();
  const { outDir } = stageApp();
  console.log(`Staged the app in ${path.relative(root, outDir)}; packaging for ${PLATFORM_NAMES[target]}…`);
  try {
    const artifacts = await packageApp({ projectDir: outDir, target, dirOnly });
    for (const artifact of artifacts) console.log(`  ${path.relative(root, artifact)}`);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s. Installers are in release/installers.`);
  } catch (error) {
    console.error(`Packaging failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Packaging needs network access (Electron, its headers and the installer tools are downloaded). See docs/admin-guide.md.');
    process.exit(1);
  }
}
