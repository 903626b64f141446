import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { articleParts, bodyPlainText } from '../shared/article-doc';
import { base64ToBytes, bytesToBase64 } from '../shared/base64';
import { articleDocName } from '../shared/documents/article-kind';
import { normalizeForSearch } from '../shared/search-text';
import { segmentsOf } from '../shared/segmenting';
import { openCore, type Core } from '../electron/core/core';
import { silentLogger } from '../electron/core/log';
import { COMMON_WORDS } from './corpus';
import { ms, percentile, type BenchRow } from './table';

/**
 * A 60,000-word story in core (issue 18: one such paste once stalled a
 * laptop for minutes). Two rows, each interleaved with its bare equivalent:
 *
 * - the library row after a one-word edit (what core does after every pause
 *   in typing: derive fields, word count and search text, write the row),
 *   against counting the story's words once with Intl.Segmenter and
 *   normalising its text for search, with no cache — the least any
 *   projection of the whole text does;
 * - opening the story (`article.open` from a closed, unloaded story),
 *   against loading the same stored state into a bare Y.Doc and encoding it.
 */
const WORDS = 60_000;
const WORDS_PER_PARAGRAPH = 41;
const ROUNDS = Number(process.env.LEDE_BENCH_ROUNDS ?? 15);

export async function benchBigStory(workDir: string): Promise<BenchRow[]> {
  const dataDir = path.join(workDir, 'big-story');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const core = openCore({ dataDir, shell: 'web', version: 'bench', logger: silentLogger, backupDelayMs: null, deriveDelayMs: 300 });
  try {
    const session = core.connect(() => {});
    const call = async <T>(channel: string, payload: unknown): Promise<T> => {
      const result = await session.invoke(channel as never, payload as never);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    };
    await call('profile.set', { name: 'Bench Long Reads', role: 'reporter' });
    const { id } = await call<{ id: string }>('article.create', {});
    const doc = await openedDoc(call, id);
    const pending: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => pending.push(update));
    const send = async () => {
      while (pending.length) await call('article.update', { id, update: bytesToBase64(pending.shift()!) });
    };
    doc.transact(() => articleParts(doc).body.push(paragraphs(WORDS)));
    await send();
    core.internals.articles.flush();

    const rowSamples: number[] = [];
    const countSamples: number[] = [];
    // Near the top: every later paragraph moves, as when a reporter fixes the intro.
    const edited = () => (articleParts(doc).body.get(1 + (round % 5)) as Y.XmlElement).get(0) as Y.XmlText;
    let round = 0;
    for (; round < ROUNDS; round++) {
      edited().insert(0, `edit${round} `);
      await send();
      let started = performance.now();
      core.internals.articles.flush();
      rowSamples.push(performance.now() - started);
      const text = bodyPlainText(articleParts(doc).body);
      started = performance.now();
      bareProjection(text);
      countSamples.push(performance.now() - started);
    }
    await call('article.close', { id });

    const openSamples: number[] = [];
    const bareOpenSamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      await call('article.open', { id });
      openSamples.push(performance.now() - started);
      await call('article.close', { id });
      started = performance.now();
      bareOpen(core, id);
      bareOpenSamples.push(performance.now() - started);
    }
    session.close();

    // The first round warms the caches of both sides; medians of the rest.
    const median = (samples: number[]) => percentile(samples.slice(1), 50);
    const row = median(rowSamples);
    const count = median(countSamples);
    const open = median(openSamples);
    const bare = median(bareOpenSamples);
    return [
      {
        scenario: `core: library row of a ${WORDS.toLocaleString('en')}-word story after a one-word edit near its top (fields, word count, search text, row written), median`,
        figure: ms(row),
        budget: '≤ 1× counting its words once (Intl.Segmenter, no cache); 50 ms on an idle machine',
        ratio: `${(row / count).toFixed(2)}× counting the words once and normalising the text, interleaved (median ${ms(count)})`,
        pass: row <= count,
      },
      {
        scenario: `core: open a ${WORDS.toLocaleString('en')}-word story (article.open, not in memory), median`,
        figure: ms(open),
        budget: '≤ 3× a bare Y.Doc loading the same stored state; 1 s on an idle machine',
        ratio: `${(open / bare).toFixed(2)}× loading the stored state into a bare Y.Doc and encoding it, interleaved (median ${ms(bare)})`,
        pass: open <= 3 * bare,
      },
    ];
  } finally {
    await core.close();
  }
}

async function openedDoc(call: <T>(channel: string, payload: unknown) => Promise<T>, id: string): Promise<Y.Doc> {
  const { state } = await call<{ state: string }>('article.open', { id });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base64ToBytes(state), 'remote');
  return doc;
}

/** `words` words of news vocabulary in paragraphs of 41, as the body of a story. */
export function paragraphs(words: number): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  for (let start = 0; start < words; start += WORDS_PER_PARAGRAPH) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = Array.from({ length: Math.min(WORDS_PER_PARAGRAPH, words - start) }, (_, i) => COMMON_WORDS[(start + i) % COMMON_WORDS.length]).join(' ');
    paragraph.insert(0, [new Y.XmlText(`${text}.`)]);
    out.push(paragraph);
  }
  return out;
}

/** The bare minimum of a projection: every word segmented once, the text normalised for search. */
function bareProjection(text: string): number {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  let words = 0;
  for (const segment of segmentsOf(segmenter, text)) if (segment.isWordLike) words++;
  return words + normalizeForSearch(text).length;
}

/** What any open must do: the stored state into a Y.Doc, and the state out for the window. */
function bareOpen(core: Core, id: string): number {
  const stored = core.internals.docs.load(articleDocName(id));
  if (!stored) throw new Error('the story is not stored');
  try {
    return Y.encodeStateAsUpdate(stored).byteLength;
  } finally {
    stored.destroy();
  }
}
