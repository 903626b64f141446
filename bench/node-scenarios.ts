import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { articleParts } from '../shared/article-doc';
import { bytesToBase64, base64ToBytes } from '../shared/base64';
import { openCore } from '../electron/core/core';
import { silentLogger } from '../electron/core/log';
import { queryLibrary } from '../electron/core/articles/library-query';
import { openKeyed, openPlain } from '../electron/core/store/cipher';
import { LIBRARY_KEY_BYTES } from '../electron/core/store/library-file';
import type { Database } from '../electron/core/store/open-database';
import { COMMON_WORDS, rareWord } from './corpus';
import { openLibrary, openPlainLibrary, type GeneratedLibrary } from './generate-library';
import { ms, percentile, type BenchRow } from './table';

const SEARCHES = [
  'government', 'minister', 'moscow', 'the', 'police', 'election', 'syria talks', 'president minister',
  rareWord(5), rareWord(900), rareWord(40_000), rareWord(150_000), `${rareWord(3)} government`,
  'gov', 'minis', 'mosc', 'el', 'Richard', 'Connor', 'reuters',
];

/**
 * FTS over the generated library: the library's own query, first page,
 * newest changed first, on the encrypted store, each query interleaved
 * with the same query on the plain copy of the same library (the reference).
 */
export function benchSearch(library: GeneratedLibrary, count: number): BenchRow[] {
  const encrypted = openLibrary(library.dir);
  const plain = openPlainLibrary(library.plainDir);
  const samples: number[] = [];
  const plainSamples: number[] = [];
  const time = (db: Database, query: string) => {
    const started = performance.now();
    queryLibrary(db, { query, view: 'active', sort: 'updated', offset: 0, limit: 50 });
    return performance.now() - started;
  };
  for (let round = 0; round < 12; round++) {
    for (const query of SEARCHES) {
      samples.push(time(encrypted, query));
      plainSamples.push(time(plain, query));
    }
  }
  encrypted.close();
  plain.close();
  // The first round warms the caches of both.
  const p95 = percentile(samples.slice(SEARCHES.length), 95);
  const plainP95 = percentile(plainSamples.slice(SEARCHES.length), 95);
  return [
    {
      scenario: `FTS search over ${count.toLocaleString('en')} articles, encrypted store, p95 (first page + total)`,
      figure: `${ms(p95)} (p50 ${ms(percentile(samples, 50))})`,
      budget: '≤ 5 ms',
      ratio: `${(p95 / plainP95).toFixed(2)}× the plain store, same queries interleaved (p95 ${ms(plainP95)})`,
      pass: p95 <= 5,
    },
  ];
}

/**
 * Opening the library as a start does (key, pragmas, migration check, first
 * read of the library list's count), encrypted against the plain copy,
 * alternately, so both see the same page cache and disk.
 */
export function benchOpen(library: GeneratedLibrary, count: number): BenchRow {
  const samples: number[] = [];
  const plainSamples: number[] = [];
  const time = (open: () => Database) => {
    const started = performance.now();
    const db = open();
    db.prepare('SELECT count(*) FROM articles').pluck().get();
    const took = performance.now() - started;
    db.close();
    return took;
  };
  for (let round = 0; round < 21; round++) {
    samples.push(time(() => openLibrary(library.dir)));
    plainSamples.push(time(() => openPlainLibrary(library.plainDir)));
  }
  const p50 = percentile(samples.slice(1), 50);
  const plainP50 = percentile(plainSamples.slice(1), 50);
  return {
    scenario: `open the library, ${count.toLocaleString('en')} articles, encrypted store, p50 (one-time migration of the plain library: ${(library.encryptionMs / 1000).toFixed(1)} s)`,
    figure: `${ms(p50)} (p95 ${ms(percentile(samples.slice(1), 95))})`,
    budget: '—',
    ratio: `${(p50 / plainP50).toFixed(2)}× the plain store, interleaved (p50 ${ms(plainP50)})`,
    pass: null,
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

  // The raw library: one INSERT of the same size per commit, same pragmas,
  // plain and encrypted, interleaved commit by commit.
  const blob = base64ToBytes(updates[0] ?? 'AAAA');
  const raw = rawCommits(path.join(workDir, 'raw.sqlite'), null);
  const rawEncrypted = rawCommits(path.join(workDir, 'raw-encrypted.sqlite'), randomBytes(LIBRARY_KEY_BYTES));
  const rawSamples: number[] = [];
  const rawEncryptedSamples: number[] = [];
  for (let i = 0; i < 600; i++) {
    rawSamples.push(raw.commit(blob));
    rawEncryptedSamples.push(rawEncrypted.commit(blob));
  }
  raw.close();
  rawEncrypted.close();
  const p95 = percentile(samples.slice(50), 95);
  const rawP95 = percentile(rawSamples.slice(50), 95);
  const rawEncryptedP95 = percentile(rawEncryptedSamples.slice(50), 95);
  return [
    {
      scenario: 'acknowledged local update, encrypted store (API → SQLite commit, synchronous=FULL), p95',
      figure: `${ms(p95)} (p50 ${ms(percentile(samples, 50))})`,
      budget: '≤ 2 ms',
      ratio: `${(p95 / rawP95).toFixed(2)}× raw plain SQLite insert+commit (p95 ${ms(rawP95)})`,
      pass: p95 <= 2,
    },
    {
      scenario: 'raw SQLite insert+commit (synchronous=FULL), encrypted, p95',
      figure: `${ms(rawEncryptedP95)} (p50 ${ms(percentile(rawEncryptedSamples, 50))})`,
      budget: '—',
      ratio: `${(rawEncryptedP95 / rawP95).toFixed(2)}× the same commits on a plain file, interleaved (p95 ${ms(rawP95)})`,
      pass: null,
    },
  ];
}

/** A bare table taking one insert per commit, with the store's pragmas; encrypted when given a key. */
function rawCommits(file: string, key: Buffer | null): { commit(blob: Uint8Array): number; close(): void } {
  fs.rmSync(file, { force: true });
  const db = key ? openKeyed(file, key) : openPlain(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE u (seq INTEGER PRIMARY KEY, data BLOB)');
  const insert = db.prepare('INSERT INTO u (data) VALUES (?)');
  return {
    commit(blob) {
      const started = performance.now();
      insert.run(blob);
      return performance.now() - started;
    },
    close: () => db.close(),
  };
}

export { COMMON_WORDS };
