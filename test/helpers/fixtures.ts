import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared fixtures folder beside the checkout (`../shared/fixtures`), not
 * the repository's own `shared/` code. LEDE_FIXTURES_DIR overrides it. Fails
 * loudly when it is missing, so no test silently runs without its inputs.
 */
export function fixturesDir(): string {
  const dir = process.env.LEDE_FIXTURES_DIR ?? path.resolve(repoRoot, '..', 'shared', 'fixtures');
  if (!fs.existsSync(dir)) {
    throw new Error(`Fixtures folder not found at ${dir}. Put the shared fixtures beside the checkout or set LEDE_FIXTURES_DIR.`);
  }
  return dir;
}

export function fixturePath(...parts: string[]): string {
  const file = path.join(fixturesDir(), ...parts);
  if (!fs.existsSync(file)) throw new Error(`Fixture missing: ${file}`);
  return file;
}

export function standardsDir(): string {
  return path.resolve(fixturesDir(), '..', 'standards');
}

export { repoRoot };
