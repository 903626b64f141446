import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { keyingPragmas } from './cipher';

/**
 * A consistent, encrypted copy of the encrypted library (the daily backup),
 * written off core's event loop. `VACUUM INTO` is the only way to write an
 * encrypted copy (SQLite's online backup API refuses one, ADR 0051) and it
 * runs in one step: on the loop it would hold every acknowledgement for as
 * long as the copy takes (8 s for 100,000 stories on the bench machine). So
 * a worker thread opens its own read-only connection — WAL lets it read a
 * snapshot while core goes on writing — and writes the copy with the same
 * key. The worker is a few lines given as source, so it needs no bundle of
 * its own and tests run the same code as the shells.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.source, { readonly: true, fileMustExist: true });
try {
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  db.prepare('VACUUM INTO ?').run(workerData.target);
} finally {
  db.close();
}
`;

export function writeEncryptedCopy(source: string, key: Buffer, target: string): Promise<void> {
  // The same SQLite module core itself loads (the Electron build in the desktop app).
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, source, target, pragmas: keyingPragmas(key) } });
  return new Promise((resolve, reject) => {
    let failed: Error | null = null;
    worker.once('error', (error) => (failed = error));
    worker.once('exit', (code) => {
      if (failed) reject(failed);
      else if (code !== 0) reject(new Error(`the backup worker stopped with code ${code}`));
      else resolve();
    });
  });
}
