// Finds the Electron executable the way node_modules/electron/index.js does,
// but only by looking at files: requiring 'electron' from Node starts a
// download when the binary is missing, and this machine has no network for it.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The absolute path of the installed Electron binary, or null when there is
 * none. Honours ELECTRON_OVERRIDE_DIST_PATH as electron's own index.js does.
 * @param {string} root the repository root (the folder holding node_modules)
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
export function findElectronBinary(root, env = process.env) {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative;
  try {
    relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    // Without path.txt, electron's index.js still honours an override, naming the binary "electron".
    if (!override) return null;
    relative = 'electron';
  }
  // path.txt names a file inside dist/ (e.g. "electron", "electron.exe",
  // "Electron.app/Contents/MacOS/Electron"); anything else is not trusted.
  if (!relative || path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) return null;
  const distDir = override || path.join(packageDir, 'dist');
  const binary = path.resolve(distDir, relative);
  try {
    return fs.statSync(binary).isFile() ? binary : null;
  } catch {
    return null;
  }
}

export const NO_ELECTRON_MESSAGE =
  'Electron is not installed on this machine (no binary in node_modules/electron/dist); serving Lede through the web shell instead.';
