/**
 * Child process for data-dir-lock.test.ts: opens a core on the data folder
 * given as the first argument, says so on stdout, and holds it until killed.
 */
import { openCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: lock-holder <data dir>');
openCore({ dataDir, shell: 'web', version: '0.0.0-holder', logger: silentLogger, backupDelayMs: null });
process.stdout.write(`holding ${process.pid}\n`);
setInterval(() => {}, 60_000);
