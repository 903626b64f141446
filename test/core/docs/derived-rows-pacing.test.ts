import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { articleParts, seedArticle } from '../../../shared/article-doc';
import { articleDocName, articleKind } from '../../../shared/documents/article-kind';
import { DerivedRows } from '../../../electron/core/docs/derived-rows';
import { DocStore } from '../../../electron/core/docs/doc-store';
import { LiveDocs } from '../../../electron/core/docs/live-docs';
import { silentLogger } from '../../../electron/core/log';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openDatabase, type Database } from '../../../electron/core/store/open-database';
import { TEST_KEY } from '../../helpers/library-key';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * ADR 0069: a story nobody has open here, changed by sync again and again,
 * has its row rewritten at a pace set by what the row costs, not after every
 * pause in someone else's typing. The row's cost is made real here: `write`
 * keeps the CPU busy for COST_MS, so the pace (50 × the cost) is at least 50 × COST_MS; rows
 * under 20 ms are not paced.
 */
const QUIET_MS = 300;
const COST_MS = 40;

let db: Database | undefined;
afterEach(() => {
  vi.useRealTimers();
  db?.close();
  db = undefined;
});

function setUp(costMs: number) {
  db = openDatabase(path.join(makeTempDir(), 'lede.sqlite'), MIGRATIONS, TEST_KEY);
  const store = new DocStore(db);
  const live = new LiveDocs(db, store, silentLogger);
  const written: string[] = [];
  const rows = new DerivedRows(live, store, silentLogger, {
    kind: articleKind,
    deriveDelayMs: QUIET_MS,
    compaction: { afterUpdates: 10_000, onRelease: false },
    write: (_id, _docName, doc) => {
      const until = performance.now() + costMs;
      while (performance.now() < until) {
        // The row's real cost (reading a long story), spent on the CPU.
      }
      written.push(articleParts(doc).headline.toString());
    },
  });
  const id = randomUUID();
  const docName = articleDocName(id);
  // Someone else's story, arrived by sync; this laptop edits it nowhere.
  const elsewhere = new Y.Doc();
  seedArticle(elsewhere, { createdAt: '2026-12-03T10:00:00+01:00', language: 'en', headline: '' });
  live.applyRemote(docName, 'article', Y.encodeStateAsUpdate(elsewhere));
  let words = 0;
  const typeElsewhere = () => {
    const before = Y.encodeStateVector(elsewhere);
    articleParts(elsewhere).headline.insert(articleParts(elsewhere).headline.length, `w${words++} `);
    live.applyRemote(docName, 'article', Y.encodeStateAsUpdate(elsewhere, before));
  };
  return { live, rows, written, docName, typeElsewhere, headline: () => articleParts(elsewhere).headline.toString() };
}

describe('rows of stories changed elsewhere (DerivedRows pacing, ADR 0069)', () => {
  it('a costly row is rewritten at a pace of 50× its cost while the changes keep coming, and catches up with them', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { written, typeElsewhere, headline } = setUp(COST_MS);
    // The first row: after the usual quiet time (its cost is not known yet).
    vi.advanceTimersByTime(QUIET_MS);
    expect(written).toHaveLength(1);

    // A word every 100 ms: never a quiet time of 300 ms, yet the row follows…
    typeElsewhere();
    for (let t = 100; t < 50 * COST_MS; t += 100) {
      vi.advanceTimersByTime(100);
      typeElsewhere();
    }
    // …but not sooner than 50× what it cost after the first change not in it.
    expect(written).toHaveLength(1);
    for (let t = 0; t < 30_000 && written.length < 3; t += 100) {
      vi.advanceTimersByTime(100);
      typeElsewhere();
    }
    expect(written).toHaveLength(3);
    // The typing stops: the last words reach the row within one more pace.
    vi.advanceTimersByTime(30_000);
    expect(written.at(-1)).toBe(headline());
  });

  it('a cheap row keeps the quiet time: rewritten once the typing pauses', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { written, typeElsewhere, headline } = setUp(0);
    vi.advanceTimersByTime(QUIET_MS);
    // Once more after a pause, warm (the first read of a document here also compiles the code that reads it).
    typeElsewhere();
    vi.advanceTimersByTime(30_000);
    expect(written).toHaveLength(2);
    for (let t = 0; t < 3000; t += 100) {
      typeElsewhere();
      vi.advanceTimersByTime(100);
    }
    expect(written).toHaveLength(2);
    vi.advanceTimersByTime(QUIET_MS);
    expect(written).toHaveLength(3);
    expect(written.at(-1)).toBe(headline());
  });

  it('a costly row of a story open here keeps the quiet time (its reader sees the row follow as usual)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { live, written, docName, typeElsewhere, headline } = setUp(COST_MS);
    vi.advanceTimersByTime(QUIET_MS);
    live.get(docName);
    typeElsewhere();
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(written).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(written).toEqual(['', headline()]);
  });
});
