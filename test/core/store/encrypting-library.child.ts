/**
 * Child process for library-encryption.test.ts's crash test. Opens a data
 * folder's library the way core does (its key, then openDatabase) and kills
 * itself with SIGKILL — no cleanup, no finally blocks, like a power cut or a
 * killed process — right after the named step of encrypting a plain library.
 *
 * argv: <data dir> <step>
 */
import { dataPaths } from '../../../electron/core/paths';
import { resolveLibraryKey } from '../../../electron/core/secrets/library-key';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/open-database';

const [dataDir, killAt] = process.argv.slice(2);
if (!dataDir || !killAt) throw new Error('usage: encrypting-library <data dir> <step>');

const key = resolveLibraryKey(dataDir, null);
openDatabase(dataPaths(dataDir).database, MIGRATIONS, key, {
  onEncryptionStep: (step) => {
    if (step !== killAt) return;
    console.log(`killed after ${step}`);
    process.kill(process.pid, 'SIGKILL');
    for (;;); // SIGKILL to itself is delivered at once; nothing may run after it either way.
  },
});
console.log('opened without reaching the step');
