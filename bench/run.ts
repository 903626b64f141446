import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedLibrary } from './generate-library';
import { benchAcknowledgedUpdate, benchSearch } from './node-scenarios';
import { runSyncScenarios } from './sync-scenarios';
import { printTable, type BenchRow } from './table';

/**
 * `npm run bench`: every budget of DESIGN.md §10 that this issue owns, in one
 * table. Generated libraries are cached under .bench-cache/ between runs.
 */
const ARTICLES = Number(process.env.LEDE_BENCH_ARTICLES ?? 100_000);
const WORDS = Number(process.env.LEDE_BENCH_WORDS ?? 300);

async function main(): Promise<void> {
  const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
  const cacheDir = path.join(repo, '.bench-cache');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-bench-'));
  const rows: BenchRow[] = [];
  // LEDE_BENCH_ONLY=sync runs just the sync rows (they need no generated library).
  const only = process.env.LEDE_BENCH_ONLY;
  try {
    if (only !== 'sync') {
      console.error(`Preparing a library of ${ARTICLES.toLocaleString('en')} stories (cached in .bench-cache/)…`);
      const library = generatedLibrary(cacheDir, ARTICLES, WORDS);
      rows.push(benchSearch(library, ARTICLES));
      rows.push(...(await benchAcknowledgedUpdate(workDir)));
      const browser = await import('./drive/browser-scenarios');
      rows.push(...(await browser.runBrowserScenarios({ repo, library, workDir, articles: ARTICLES })));
    }
    console.error('Sync: a server process on 127.0.0.1 and workstation cores in this process…');
    rows.push(...(await runSyncScenarios(repo, workDir)));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log('');
  printTable(rows);
  if (rows.some((row) => row.pass === false)) process.exitCode = 1;
}

void main();
