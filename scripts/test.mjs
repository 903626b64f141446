// `npm test` (after the type check): unit and integration tests under Node,
// then a fresh build, then the end-to-end tests in Chromium. Every stage runs
// even if an earlier one failed, so one run shows everything that is broken.
import { spawnSync } from 'node:child_process';
import { buildAll, root } from './build-steps.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const failures = [];

function stage(name, command, args) {
  console.log(`\n── ${name} ──`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) failures.push(name);
}

stage('unit and integration (vitest)', npx, ['vitest', 'run']);

console.log('\n── build ──');
try {
  await buildAll();
} catch (error) {
  console.error(error);
  failures.push('build');
}

if (!failures.includes('build')) stage('end to end (Playwright, Chromium)', npx, ['playwright', 'test']);

if (failures.length) {
  console.error(`\nFailed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nAll test stages passed.');
