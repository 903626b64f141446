// Stages the desktop app for electron-builder in a folder of its own
// (release/app by default): the built bundles, a package.json that lists only
// the native modules the bundles leave outside, those modules and their
// dependencies copied from node_modules WITHOUT their Node builds, and the
// installer resources with icons rendered from build/icon.svg.
//
// Why a separate folder (ADR 0022): electron-builder rebuilds native modules
// for Electron in place, walking up to its project folder. Run on the
// repository it would replace the Node build of better-sqlite3-multiple-ciphers that the tests
// load (docs/dependencies.md). With the staged folder as its project, the rebuild
// cannot reach the repository's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './build-steps.mjs';
import { makeIcons } from './make-icons.mjs';

/** Modules the Node bundles keep external and the packaged app needs at run time (scripts/build-steps.mjs). */
export const NATIVE_MODULES = ['better-sqlite3-multiple-ciphers', 'sharp', 'exiftool-vendored'];
/** The build outputs the app is made of. */
export const APP_BUNDLES = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/core-host.mjs', 'dist/renderer/index.html'];
/** Installer resources copied from build/ (the icon source is rendered, not copied). */
const BUILD_RESOURCES = ['installer.nsh', 'policy.template.json'];

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Node's lookup: the nearest node_modules/<name> from a package folder up to the root. */
function resolvePackage(fromDir, name, repoRoot) {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === repoRoot || path.dirname(dir) === dir) return null;
    dir = path.dirname(dir);
    // Step over the node_modules folder itself (and a scope folder).
    while (path.basename(dir) === 'node_modules' || path.basename(dir).startsWith('@')) dir = path.dirname(dir);
  }
}

/**
 * Every package folder (relative to the repository) the named packages need
 * at run time: dependencies and the optional ones that are installed here.
 */
export function runtimeClosure(repoRoot, names) {
  const found = new Set();
  const visit = (fromDir, name, optional) => {
    const dir = resolvePackage(fromDir, name, repoRoot);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is needed by the app but is not installed (npm install first).`);
    }
    const relative = path.relative(repoRoot, dir);
    if (found.has(relative)) return;
    found.add(relative);
    const pkg = readJson(path.join(dir, 'package.json'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dir, dep, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dir, dep, true);
  };
  for (const name of names) visit(repoRoot, name, false);
  return [...found].sort();
}

function copyPackage(repoRoot, relative, outDir) {
  const from = path.join(repoRoot, relative);
  const isNative = fs.existsSync(path.join(from, 'binding.gyp'));
  fs.cpSync(from, path.join(outDir, relative), {
    recursive: true,
    filter: (source) => {
      const inside = path.relative(from, source);
      const first = inside.split(path.sep)[0];
      // Nested dependencies are copied on their own; a native module's Node build is never shipped.
      return first !== 'node_modules' && !(isNative && first === 'build');
    },
  });
}

/**
 * Stages the app into outDir (emptied first). `withModules: false` leaves the
 * native modules out (a quicker stage for checks that do not need them).
 */
export function stageApp({ repoRoot = root, outDir = path.join(root, 'release', 'app'), withModules = true } = {}) {
  for (const bundle of APP_BUNDLES) {
    if (!fs.existsSync(path.join(repoRoot, bundle))) throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  fs.cpSync(path.join(repoRoot, 'dist', 'renderer'), path.join(outDir, 'dist', 'renderer'), { recursive: true });
  fs.mkdirSync(path.join(outDir, 'dist', 'electron'), { recursive: true });
  for (const file of fs.readdirSync(path.join(repoRoot, 'dist', 'electron'))) {
    const full = path.join(repoRoot, 'dist', 'electron', file);
    // dist/electron/node_modules is the development-time Electron build (`npm start`), never packaged.
    if (fs.statSync(full).isFile()) fs.copyFileSync(full, path.join(outDir, 'dist', 'electron', file));
  }

  const rootPkg = readJson(path.join(repoRoot, 'package.json'));
  const lock = readJson(path.join(repoRoot, 'package-lock.json'));
  const native = NATIVE_MODULES.filter((name) => rootPkg.dependencies?.[name]);
  const dependencies = Object.fromEntries(native.map((name) => [name, lock.packages[`node_modules/${name}`]?.version ?? rootPkg.dependencies[name]]));
  const appPkg = {
    name: rootPkg.name,
    productName: rootPkg.productName,
    version: rootPkg.version,
    description: rootPkg.description,
    author: rootPkg.author ?? 'Lede',
    license: rootPkg.license,
    main: rootPkg.main,
    // Its own project for npm and electron-builder: the rebuild stays inside this folder.
    packageManager: `npm@${process.env.npm_config_user_agent?.match(/npm\/([\d.]+)/)?.[1] ?? '11.0.0'}`,
    dependencies,
  };
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(appPkg, null, 2)}\n`);

  const resources = path.join(outDir, 'build');
  fs.mkdirSync(resources, { recursive: true });
  for (const file of BUILD_RESOURCES) fs.copyFileSync(path.join(repoRoot, 'build', file), path.join(resources, file));
  makeIcons(resources, path.join(repoRoot, 'build', 'icon.svg'));

  const modules = withModules ? runtimeClosure(repoRoot, native) : [];
  for (const relative of modules) copyPackage(repoRoot, relative, outDir);
  return { outDir, dependencies, modules };
}
