// Build steps shared by `npm run build`, `npm run web` and `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');

const SOURCES = ['renderer', 'shared', 'electron', 'server', 'package.json', 'vite.config.ts', 'scripts/build-steps.mjs'];

// Native modules and Electron itself stay outside the bundles.
// ssh2 (the server's SFTP outputs) probes for its optional native crypto with require(): resolved at run time, from node_modules.
const EXTERNAL = ['electron', 'better-sqlite3-multiple-ciphers', 'bufferutil', 'utf-8-validate', 'sharp', 'exiftool-vendored', 'pg-native', 'ssh2'];

// ESM bundles that contain CommonJS packages need a real `require`.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __ledeCreateRequire } from 'node:module'; const require = __ledeCreateRequire(import.meta.url);";

export const NODE_BUNDLES = [
  { entry: 'electron/web/main.ts', outfile: 'dist/web/server.mjs', format: 'esm' },
  { entry: 'electron/main/main.ts', outfile: 'dist/electron/main.cjs', format: 'cjs' },
  { entry: 'electron/preload/preload.ts', outfile: 'dist/electron/preload.cjs', format: 'cjs' },
  { entry: 'electron/core/host/utility-entry.ts', outfile: 'dist/electron/core-host.mjs', format: 'esm' },
  // The media worker thread sits beside each core bundle (core finds it there).
  { entry: 'electron/core/media/media-worker.ts', outfile: 'dist/web/media-worker.mjs', format: 'esm' },
  { entry: 'electron/core/media/media-worker.ts', outfile: 'dist/electron/media-worker.mjs', format: 'esm' },
  { entry: 'server/main.ts', outfile: 'dist/server/main.mjs', format: 'esm' },
  // The store worker thread sits beside the server bundle (the store finds it there).
  { entry: 'server/storage/store-worker.ts', outfile: 'dist/server/store-worker.mjs', format: 'esm' },
];

/** What the sync server bundle is built from (`npm run server` rebuilds just that when these change). */
const SERVER_SOURCES = ['server', 'shared', 'package.json', 'scripts/build-steps.mjs'];

function newestMtime(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** True when a source file changed since the last complete build. */
export function buildIsStale() {
  if (!fs.existsSync(stampFile) || !fs.existsSync(path.join(dist, 'renderer', 'index.html'))) return true;
  const built = fs.statSync(stampFile).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

export async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

export async function buildNodeBundles(bundles = NODE_BUNDLES) {
  const esbuild = await import('esbuild');
  await Promise.all(
    bundles.filter((bundle) => fs.existsSync(path.join(root, bundle.entry))).map((bundle) =>
      esbuild.build({
        entryPoints: [path.join(root, bundle.entry)],
        outfile: path.join(root, bundle.outfile),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: bundle.format,
        sourcemap: 'linked',
        external: EXTERNAL,
        banner: bundle.format === 'esm' ? { js: ESM_REQUIRE_BANNER } : undefined,
        logLevel: 'warning',
      }),
    ),
  );
}

export async function buildAll() {
  await Promise.all([buildRenderer(), buildNodeBundles()]);
  fs.writeFileSync(stampFile, new Date().toISOString());
}

export async function buildIfStale() {
  if (!buildIsStale()) return false;
  console.log('Building Lede (first run or sources changed)…');
  await buildAll();
  return true;
}

/** Builds only the sync server's bundle, when it is missing or older than its sources. */
export async function buildServerIfStale() {
  const bundles = NODE_BUNDLES.filter((candidate) => candidate.outfile.startsWith('dist/server/'));
  const built = Math.min(...bundles.map((bundle) => path.join(root, bundle.outfile)).map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)));
  if (built && !SERVER_SOURCES.some((source) => newestMtime(source) > built)) return false;
  console.error('Building the Lede sync server (first run or sources changed)…');
  await buildNodeBundles(bundles);
  return true;
}
