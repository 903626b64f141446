import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The repository's own test inputs, `test/fixtures/` (where each file comes
 * from: test/fixtures/SOURCES.md). LEDE_FIXTURES_DIR points the tests at
 * another folder of the same layout. Fails loudly when the folder is missing,
 * so no test silently runs without its inputs.
 */
export function fixturesDir(): string {
  const dir = process.env.LEDE_FIXTURES_DIR ?? path.join(repoRoot, 'test', 'fixtures');
  if (!fs.existsSync(dir)) {
    throw new Error(`Fixtures folder not found at ${dir}. Unset LEDE_FIXTURES_DIR to use test/fixtures, or point it at a folder laid out like test/fixtures.`);
  }
  return dir;
}

export function fixturePath(...parts: string[]): string {
  const file = path.join(fixturesDir(), ...parts);
  if (!fs.existsSync(file)) throw new Error(`Fixture missing: ${file}`);
  return file;
}

/** Published standards the tests check against (IPTC's ninjs schema and examples), inside the fixtures folder. */
export function standardsDir(): string {
  return fixturePath('standards');
}

export { repoRoot };
