import * as Y from 'yjs';
import { articleParts } from '../shared/article-doc';
import type { Actor } from '../shared/workflow/story-rules';
import { DEFAULT_LIMITS } from '../server/limits';
import { judgeUpdate } from '../server/guard/edit-guard';
import { mergeState } from '../server/storage/merge-state';
import { storyOf } from './large-story';
import { ms, percentile, type BenchRow } from './table';

/**
 * What the newsroom's rules cost the server (ADR 0060): the guard's work on
 * one update, against the merge a store of that update does anyway (the
 * store worker's load, merge and encode; the database write and fsync come
 * on top, so the real share is smaller). Interleaved, guard then merge, on
 * the same document and update. The budget: ≤ 20% of a store.
 */
const SAMPLES = Number(process.env.LEDE_BENCH_GUARD_SAMPLES ?? 40);
/** Samples made first and not counted (the JIT warms up on them). */
const WARMUP = 5;
const DESK_EDITOR: Actor = { role: 'editor', desks: ['Politics'] };

export function benchEditGuard(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [label, bytes] of [
    ['a 50 KB story', 50 * 1024],
    ['the largest allowed story', DEFAULT_LIMITS.maxDocumentBytes * 0.9],
  ] as const) {
    const doc = storyOf(bytes);
    articleParts(doc).meta.set('desk', 'Politics');
    articleParts(doc).meta.set('status', 'in_edit');
    // The server's copy, as Hocuspocus holds it, and what it has stored.
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    for (const [what, edit] of [
      ['a typed word', (laptop: Y.Doc) => articleParts(laptop).headline.insert(0, 'Update ')],
      ['a status move', (laptop: Y.Doc) => articleParts(laptop).meta.set('status', articleParts(laptop).meta.get('status') === 'ready' ? 'in_edit' : 'ready')],
    ] as const) {
      const guard: number[] = [];
      const store: number[] = [];
      for (let sample = 0; sample < SAMPLES + WARMUP; sample++) {
        const before = Y.encodeStateVector(doc);
        edit(doc);
        const update = Y.encodeStateAsUpdate(doc, before);
        const stored = Y.encodeStateAsUpdate(server);
        let started = performance.now();
        const verdict = judgeUpdate(server, 'article', update, DESK_EDITOR);
        const guardMs = performance.now() - started;
        if (verdict.kind === 'refused') throw new Error(`bench: the guard refused a desk editor's ${what}: ${verdict.refusal.message}`);
        if (verdict.checked) verdict.after.destroy();
        started = performance.now();
        mergeState(stored, update, 'article');
        const storeMs = performance.now() - started;
        if (sample >= WARMUP) {
          guard.push(guardMs);
          store.push(storeMs);
        }
        Y.applyUpdate(server, update);
      }
      const ratio = percentile(guard, 95) / percentile(store, 95);
      rows.push({
        scenario: `sync server: the newsroom's rules on ${what} to ${label} (p95 guard time)`,
        figure: ms(percentile(guard, 95)),
        budget: '≤ 0.20× a store',
        ratio: `${ratio.toFixed(3)}× the store's merge (${ms(percentile(store, 95))}, same run)`,
        pass: ratio <= 0.2,
      });
    }
    server.destroy();
    doc.destroy();
  }
  return rows;
}
