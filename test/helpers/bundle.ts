import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './fixtures';
import { makeTempDir } from './temp-dir';

const cache = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript entry into a runnable .mjs (as the real build does),
 * so tests can start it as a separate process and kill it.
 */
export function bundleForNode(entry: string): Promise<string> {
  const absolute = path.resolve(repoRoot, entry);
  let pending = cache.get(absolute);
  if (!pending) {
    pending = (async () => {
      const outfile = path.join(makeTempDir('lede-bundle-'), `${path.basename(entry, '.ts')}.mjs`);
      await build({
        entryPoints: [absolute],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        external: ['better-sqlite3', 'electron', 'bufferutil', 'utf-8-validate'],
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
        logLevel: 'error',
        // Resolve node_modules from the repository, not the temp folder.
        nodePaths: [path.join(repoRoot, 'node_modules')],
      });
      // Let the bundle find better-sqlite3 from the repository's node_modules.
      fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(path.dirname(outfile), 'node_modules'), 'dir');
      return outfile;
    })();
    cache.set(absolute, pending);
  }
  return pending;
}
