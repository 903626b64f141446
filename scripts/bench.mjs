// `npm run bench`: build the app if needed, bundle the benchmarks, run them, print one table.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { buildIfStale, root } from './build-steps.mjs';

await buildIfStale();
const outfile = path.join(root, 'dist', 'bench', 'run.mjs');
await build({
  entryPoints: [path.join(root, 'bench', 'run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
