// `npm test` (after the type check): unit and integration tests under Node,
// then a fresh build, then the end-to-end tests in Chromium. Every stage runs
// even if an earlier one failed, so one run shows everything that is broken.
import { spawnSync } from 'node:child_process';
import { buildAll, root } from './build-steps.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const failures = [];

// The sync server's PostgreSQL and Redis tests need those services. CI starts
// them (.ci/run); on a developer machine with both installed, start them
// here the same way, so `npm test` runs those tests too.
if (!process.env.LEDE_TEST_DATABASE_URL && process.platform !== 'win32') {
  const started = spawnSync('bash', [`${root}/scripts/ci-services.sh`], { cwd: root, encoding: 'utf8' });
  if (started.status === 0) {
    for (const line of started.stdout.split('\n')) {
      const match = /^export (LEDE_TEST_\w+)=(.*)$/.exec(line.trim());
      if (match) process.env[match[1]] = match[2];
    }
    console.log('PostgreSQL and Redis for the sync tests: started by scripts/ci-services.sh');
  } else {
    console.log(`PostgreSQL/Redis not available here; their sync tests are skipped (${started.stderr.trim().split('\n').pop()})`);
  }
}

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
