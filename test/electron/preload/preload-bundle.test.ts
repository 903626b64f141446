import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/fixtures';

/**
 * A sandboxed preload can require 'electron' and nothing else from Node.
 * Bundled as scripts/build-steps.mjs does it (cjs, 'electron' external), the
 * preload must not import anything that would stay a require() at run time.
 */
describe('preload bundle', () => {
  it('requires only electron', async () => {
    const result = await build({
      entryPoints: [path.join(repoRoot, 'electron/preload/preload.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const external = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((entry) => entry.external).map((entry) => entry.path),
    );
    expect([...new Set(external)]).toEqual(['electron']);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules'))).toBe(false);
    const code = result.outputFiles[0]!.text;
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])).toEqual(['electron']);
  });
});
