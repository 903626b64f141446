/**
 * Child process for data-dir-lock.test.ts: opens a core on the data folder
 * given as the first argument, says so on stdout, and holds it until killed.
 *
 * It keeps no reference to the core and collects garbage before it says so:
 * the lock must not depend on the core object staying alive (a collected
 * lock connection is closed by its finalizer, which frees the lock).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { openCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: lock-holder <data dir>');
openCore({ dataDir, shell: 'web', version: '0.0.0-holder', logger: silentLogger, backupDelayMs: null });
v8.setFlagsFromString('--expose-gc');
(vm.runInNewContext('gc') as () => void)();
process.stdout.write(`holding ${process.pid}\n`);
setInterval(() => {}, 60_000);
