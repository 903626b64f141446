import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import * as Y from 'yjs';
import { articleParts } from '../shared/article-doc';
import { bytesToBase64, base64ToBytes } from '../shared/base64';
import { openCore } from '../electron/core/core';
import { silentLogger } from '../electron/core/log';
import { queryLibrary } from '../electron/core/articles/library-query';
import { MIGRATIONS } from '../electron/core/store/migrations';
import { openDatabase } from '../electron/core/store/open-database';
import { dataPaths } from '../electron/core/paths';
import { COMMON_WORDS, rareWord } from './corpus';
import { ms, percentile, type BenchRow } from './table';

/** FTS over the generated library: the library's own query, first page, newest changed first. */
export function benchSearch(libraryDir: string, count: number): BenchRow {
  const db = openDatabase(dataPaths(libraryDir).database, MIGRATIONS);
  const queries = [
    'government', 'minister', 'moscow', 'the', 'police', 'election', 'syria talks', 'president minister',
    rareWord(5), rareWord(900), rareWord(40_000), rareWord(150_000), `${rareWord(3)} government`,
    'gov', 'minis', 'mosc', 'el', 'Richard', 'Connor', 'reuters',
  ];
  const samples: number[] = [];
  for (let round = 0; round < 12; round++) {
    for (const query of queries) {
      const started = performance.now();
      queryLibrary(db, { query, view: 'active', sort: 'updated', offset: 0, limit: 50 });
      samples.push(performance.now() - started);
    }
  }
  db.close();
  const p95 = percentile(samples.slice(queries.length), 95);
  return {
    scenario: `FTS search over ${count.toLocaleString('en')} articles, p95 (first page + total)`,
    figure: `${ms(p95)} (p50 ${ms(percentile(samples, 50))})`,
    budget: '≤ 5 ms',
    pass: p95 <= 5,
  };
}

/** One acknowledged edit: API call → validate → apply → SQLite commit (synchronous=FULL). */
export async function benchAcknowledgedUpdate(workDir: string): Promise<BenchRow[]> {
  const dataDir = path.join(workDir, 'ack');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const core = openCore({ dataDir, shell: 'web', version: 'bench', logger: silentLogger, backupDelayMs: null, deriveDelayMs: 300 });
  const session = core.connect(() => {});
  await session.invoke('profile.set', { name: 'Bench', role: 'reporter' });
  const created = await session.invoke('article.create', {});
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: string }).id;
  const opened = await session.invoke('article.open', { id });
  if (!opened.ok) throw new Error(opened.error.message);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base64ToBytes((opened.value as { state: string }).state));
  const updates: string[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(bytesToBase64(u)));
  const text = articleParts(doc).teaser;
  const samples: number[] = [];
  for (let i = 0; i < 600; i++) {
    text.insert(text.length, 'a');
    const update = updates.pop()!;
    const started = performance.now();
    const result = await session.invoke('article.update', { id, update });
    samples.push(performance.now() - started);
    if (!result.ok) throw new Error(result.error.message);
  }
  session.close();
  await core.close();

  // The raw library: one INSERT of the same size per commit, same pragmas.
  const rawFile = path.join(workDir, 'raw.sqlite');
  fs.rmSync(rawFile, { force: true });
  const raw = new Database(rawFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE u (seq INTEGER PRIMARY KEY, data BLOB)');
  const insert = raw.prepare('INSERT INTO u (data) VALUES (?)');
  const blob = base64ToBytes(updates[0] ?? 'AAAA');
  const rawSamples: number[] = [];
  for (let i = 0; i < 600; i++) {
    const started = performance.now();
    insert.run(blob);
    rawSamples.push(performance.now() - started);
  }
  raw.close();
  const p95 = percentile(samples.slice(50), 95);
  const rawP95 = percentile(rawSamples.slice(50), 95);
  return [
    {
      scenario: 'acknowledged local update (API → SQLite commit, synchronous=FULL), p95',
      figure: `${ms(p95)} (p50 ${ms(percentile(samples, 50))})`,
      budget: '≤ 2 ms',
      ratio: `${(p95 / rawP95).toFixed(2)}× raw SQLite insert+commit (p95 ${ms(rawP95)})`,
      pass: p95 <= 2,
    },
  ];
}

export { COMMON_WORDS };
