import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedLibrary } from './generate-library';
import { benchImport } from './media-bench';
import { benchBigStory } from './big-story';
import { benchStartWithBigLibrary } from './big-library-start';
import { benchColleagueLaptop } from './colleague-laptop';
import { benchAcknowledgedUpdate, benchOpen, benchSearch } from './node-scenarios';
import { runSyncScenarios } from './sync-scenarios';
import { printTable, type BenchRow } from './table';

/**
 * `npm run bench`: every budget of docs/budgets.md that this issue owns, in one
 * table. Generated libraries are cached under .bench-cache/ between runs.
 */
const ARTICLES = Number(process.env.LEDE_BENCH_ARTICLES ?? 100_000);
const WORDS = Number(process.env.LEDE_BENCH_WORDS ?? 300);
const PHOTOS = Number(process.env.LEDE_BENCH_PHOTOS ?? 200);

/**
 * LEDE_BENCH_ONLY picks one group of rows: `core` (search, commits, browser),
 * `media` (the photo desk's rows, slow to prepare the first time), `sync`, or
 * `big` (issue 18's big stories: in core, start → ready on the big library,
 * a colleague's laptop, the browser's open), or `cull` (issue 15's loupe:
 * the next photo shown, and the grid of 5,000 photos with stars and labels),
 * or `review` (issue 13: a 10,000-word story with 300 suggestions and 200
 * comment threads, opened and typed in, against bare ProseMirror).
 * Without it, every row runs. LEDE_BENCH_NO_BROWSER=1 leaves out the
 * browser rows of `core` (the store's rows alone, e.g. the encryption ones).
 */
const ONLY = process.env.LEDE_BENCH_ONLY ?? '';
const runs = (group: 'core' | 'media' | 'sync' | 'big' | 'cull' | 'review') => ONLY === '' || ONLY === group;

async function main(): Promise<void> {
  const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
  const cacheDir = path.join(repo, '.bench-cache');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-bench-'));
  const rows: BenchRow[] = [];
  try {
    if (runs('core')) {
      console.error(`Preparing a library of ${ARTICLES.toLocaleString('en')} stories (cached in .bench-cache/)…`);
      const library = generatedLibrary(cacheDir, ARTICLES, WORDS);
      rows.push(...benchSearch(library, ARTICLES));
      rows.push(benchOpen(library, ARTICLES));
      rows.push(...(await benchAcknowledgedUpdate(workDir)));
      rows.push(...(await benchBigStory(workDir)));
      if (process.env.LEDE_BENCH_NO_BROWSER !== '1') {
        const browser = await import('./drive/browser-scenarios');
        rows.push(...(await browser.runBrowserScenarios({ repo, library: library.dir, workDir, articles: ARTICLES })));
      }
    }
    if (runs('media')) {
      if (!runs('core')) {
        const browser = await import('./drive/browser-scenarios');
        rows.push(await browser.runPhotoDeskScenario({ repo, library: '', workDir, articles: 0 }));
      }
      console.error(`Preparing ${PHOTOS} camera JPEGs (cached in .bench-cache/)…`);
      rows.push(...(await benchImport(cacheDir, workDir, repo, PHOTOS)));
    }
    if (runs('cull')) {
      console.error('Culling: the loupe’s next photo (24 MP JPEGs, cached in .bench-cache/) and the rated grid…');
      const loupe = await import('./drive/loupe-scenario');
      rows.push(await loupe.benchLoupeNext(repo, workDir));
      if (!runs('media')) {
        const browser = await import('./drive/browser-scenarios');
        rows.push(await browser.runPhotoDeskScenario({ repo, library: '', workDir, articles: 0 }));
      }
    }
    if (runs('review') && process.env.LEDE_BENCH_NO_BROWSER !== '1') {
      console.error('Review: a 10,000-word story with 300 suggestions and 200 comment threads, in the browser…');
      const review = await import('./drive/review-story-scenario');
      rows.push(...(await review.runReviewStoryScenarios({ repo, library: '', workDir, articles: 0 })));
    }
    if (runs('sync')) {
      console.error('Sync: a server process on 127.0.0.1 and workstation cores in this process…');
      rows.push(...(await runSyncScenarios(repo, workDir)));
    }
    if (runs('big')) {
      console.error('Big stories: start → ready on the big library, a colleague’s laptop, the browser’s open…');
      const library = generatedLibrary(cacheDir, ARTICLES, WORDS);
      if (!runs('core')) rows.push(...(await benchBigStory(workDir)));
      rows.push(await benchStartWithBigLibrary(repo, library, ARTICLES, workDir));
      rows.push(await benchColleagueLaptop(repo, workDir));
      if (process.env.LEDE_BENCH_NO_BROWSER !== '1') {
        const browser = await import('./drive/browser-scenarios');
        rows.push(await browser.runBigStoryOpenScenario({ repo, library: library.dir, workDir, articles: ARTICLES }));
      }
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log('');
  printTable(rows);
  if (rows.some((row) => row.pass === false)) process.exitCode = 1;
}

void main();
