/**
 * Child process for doc-store.test.ts's crash test. Appends one update per
 * marker to a document, compacting every few updates, and prints each
 * marker only after `append` has returned (the acknowledgement). It runs
 * until the parent kills it.
 *
 * argv: <database file> <doc id> <round>
 */
import { DocStore } from '../../../electron/core/docs/doc-store';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/open-database';
import { TEST_KEY } from '../../helpers/library-key';

const [file, docId, round] = process.argv.slice(2);
if (!file || !docId || !round) throw new Error('usage: doc-writer <db> <doc id> <round>');

const db = openDatabase(file, MIGRATIONS, TEST_KEY);
const store = new DocStore(db);
const doc = store.load(docId);
if (!doc) throw new Error(`no document ${docId}`);
const text = doc.getText('log');
let last: Uint8Array | null = null;
doc.on('update', (update: Uint8Array) => (last = update));

let n = 0;
const batch = () => {
  for (let i = 0; i < 10; i++) {
    const marker = `r${round}m${n++}`;
    text.insert(text.length, `${marker} `);
    store.append(docId, last!);
    // stdout to a pipe is synchronous on Linux: once the parent reads this, append had returned.
    process.stdout.write(`${marker}\n`);
    if (n % 25 === 0) store.compact(docId);
  }
  setImmediate(batch);
};
process.stdout.write('ready\n');
batch();
