import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocStore } from '../../../electron/core/docs/doc-store';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/open-database';
import { bundleScript, startScript } from '../../helpers/bundle-script';
import { mulberry32 } from '../../helpers/random';
import { makeTempDir } from '../../helpers/temp-dir';
import { TEST_KEY } from '../../helpers/library-key';

const DOC = 'article:00000000-0000-4000-8000-000000000001';
const STEPS = ['read', 'snapshot', 'delete'] as const;

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function openStore(file = path.join(makeTempDir(), 'lede.sqlite')): { db: Database.Database; store: DocStore; file: string } {
  const db = openDatabase(file, MIGRATIONS, TEST_KEY);
  opened.push(db);
  return { db, store: new DocStore(db), file };
}

/** A writer whose every change is appended to the store, like core's live documents. */
function writer(store: DocStore, docId = DOC): Y.Doc {
  const doc = new Y.Doc();
  store.create(docId, 'article', Y.encodeStateAsUpdate(doc));
  doc.on('update', (update: Uint8Array) => store.append(docId, update));
  return doc;
}

function content(doc: Y.Doc): { text: string; meta: Record<string, unknown>; list: unknown[] } {
  return { text: doc.getText('t').toString(), meta: doc.getMap('meta').toJSON(), list: doc.getArray('list').toArray() };
}

function rows(db: Database.Database): unknown {
  const hex = (rowsIn: unknown[]) =>
    (rowsIn as Array<Record<string, unknown>>).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v])),
    );
  return {
    documents: hex(db.prepare('SELECT * FROM documents ORDER BY id').all()),
    updates: hex(db.prepare('SELECT * FROM doc_updates ORDER BY seq').all()),
    snapshots: hex(db.prepare('SELECT * FROM doc_snapshots ORDER BY doc_id').all()),
  };
}

describe('the document store', () => {
  it('loads what was appended, in order, and nothing for an unknown document', () => {
    const { store } = openStore();
    const doc = writer(store);
    doc.getText('t').insert(0, 'Syria');
    doc.getText('t').insert(5, "'s new leader");
    doc.getMap('meta').set('section', 'Politics');
    expect(store.pendingUpdates(DOC)).toBe(4);
    expect(content(store.load(DOC)!)).toEqual(content(doc));
    expect(store.load('article:unknown')).toBeNull();
  });

  it('records each append as the document\'s last sequence number', () => {
    const { store } = openStore();
    const doc = writer(store);
    doc.getText('t').insert(0, 'a');
    const seq = store.append(DOC, Y.encodeStateAsUpdate(doc));
    expect(store.info(DOC)?.lastSeq).toBe(seq);
  });

  it('compaction merges snapshot and updates into one snapshot that loads the same content', () => {
    const { db, store } = openStore();
    const doc = writer(store);
    for (const word of ['Moscow ', 'had ', 'been ', 'the ', 'main ', 'ally']) doc.getText('t').insert(doc.getText('t').length, word);
    expect(store.compact(DOC).merged).toBe(7);
    expect(store.pendingUpdates(DOC)).toBe(0);
    doc.getText('t').delete(0, 7);
    doc.getArray('list').push(['Reuters']);
    // A second compaction builds on the first snapshot.
    expect(store.compact(DOC).merged).toBe(2);
    expect(db.prepare('SELECT count(*) FROM doc_snapshots').pluck().get()).toBe(1);
    expect(content(store.load(DOC)!)).toEqual({ text: 'had been the main ally', meta: {}, list: ['Reuters'] });
    expect(store.compact(DOC).merged).toBe(0);
  });

  it.each(STEPS)('a compaction interrupted at "%s" leaves the store exactly as before', (step) => {
    const { db, store } = openStore();
    const doc = writer(store);
    doc.getText('t').insert(0, 'first part ');
    store.compact(DOC);
    doc.getText('t').insert(11, 'second part');
    doc.getMap('meta').set('section', 'World');
    const before = rows(db);
    const expected = content(doc);
    expect(() =>
      store.compact(DOC, Date.now(), (at) => {
        if (at === step) throw new Error(`interrupted at ${at}`);
      }),
    ).toThrow(`interrupted at ${step}`);
    expect(rows(db)).toEqual(before);
    expect(content(store.load(DOC)!)).toEqual(expected);
    // The next compaction goes through.
    expect(store.compact(DOC).merged).toBe(2);
    expect(store.pendingUpdates(DOC)).toBe(0);
    expect(content(store.load(DOC)!)).toEqual(expected);
  });

  it('removing a document removes its updates and snapshot too', () => {
    const { db, store } = openStore();
    const doc = writer(store);
    doc.getText('t').insert(0, 'gone');
    store.compact(DOC);
    doc.getText('t').insert(0, 'soon ');
    store.remove(DOC);
    expect(store.load(DOC)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM doc_updates').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM doc_snapshots').pluck().get()).toBe(0);
  });
});

describe('random edits, compactions and interrupted compactions', () => {
  // The seed is in the test's name: a failure names the run that reproduces it.
  it.for([1, 2, 3, 42, 20251015])('ends with the content of a plain model (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const { db, store } = openStore();
    // Durability is not what this test is about; fsync per update would only slow it.
    db.pragma('synchronous = OFF');
    const author = writer(store);
    // A colleague edits too; both copies append what they see (duplicates included).
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(author));
    colleague.on('update', (update: Uint8Array) => store.append(DOC, update));
    const sync = () => {
      Y.applyUpdate(author, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(author)));
      Y.applyUpdate(colleague, Y.encodeStateAsUpdate(author, Y.encodeStateVector(colleague)));
    };
    let model = '';
    const meta: Record<string, string> = {};
    for (let step = 0; step < 300; step++) {
      const roll = random.next();
      const text = (random.chance(0.7) ? author : colleague).getText('t');
      if (roll < 0.55) {
        const at = random.int(model.length + 1);
        text.insert(at, `w${step} `);
        model = model.slice(0, at) + `w${step} ` + model.slice(at);
      } else if (roll < 0.7 && model.length > 0) {
        const at = random.int(model.length);
        const length = Math.min(model.length - at, random.between(1, 6));
        text.delete(at, length);
        model = model.slice(0, at) + model.slice(at + length);
      } else if (roll < 0.8) {
        const key = random.pick(['section', 'slug', 'dateline']);
        (random.chance(0.5) ? author : colleague).getMap('meta').set(key, `v${step}`);
        meta[key] = `v${step}`;
      } else if (roll < 0.9) {
        store.compact(DOC);
      } else {
        const at = random.pick(STEPS);
        const interrupted = () =>
          store.compact(DOC, Date.now(), (reached) => {
            if (reached === at) throw new Error('interrupted');
          });
        if (store.pendingUpdates(DOC) > 0) expect(interrupted).toThrow('interrupted');
        else expect(interrupted()).toEqual({ merged: 0 });
      }
      sync();
      if (step % 50 === 49) expect(store.load(DOC)!.getText('t').toString()).toBe(model);
    }
    const loaded = store.load(DOC)!;
    expect(loaded.getText('t').toString()).toBe(model);
    expect(loaded.getMap('meta').toJSON()).toEqual(meta);
    // No update is left behind a snapshot that already holds it.
    const through = db.prepare('SELECT through_seq FROM doc_snapshots WHERE doc_id = ?').pluck().get(DOC) as number | undefined;
    if (through !== undefined) {
      expect(db.prepare('SELECT count(*) FROM doc_updates WHERE doc_id = ? AND seq <= ?').pluck().get(DOC, through)).toBe(0);
    }
  });
});

describe('a writer killed at random moments', () => {
  it('never loses an acknowledged update (6 rounds, seed 7)', async () => {
    const random = mulberry32(7);
    const script = await bundleScript('test/core/docs/doc-writer.child.ts');
    const { file, store, db } = openStore();
    store.create(DOC, 'article', Y.encodeStateAsUpdate(new Y.Doc()));
    db.close();
    const acknowledged: string[] = [];
    for (let round = 0; round < 6; round++) {
      const child = startScript(script, [file, DOC, String(round)]);
      const target = random.between(5, 400);
      try {
        await child.waitFor((lines) => lines.length > target, `${target} acknowledged updates`);
      } finally {
        await child.kill();
      }
      const markers = child.lines().filter((line) => line !== 'ready');
      expect(markers.length, `round ${round}: ${child.stderr()}`).toBeGreaterThan(target - 1);
      acknowledged.push(...markers);

      const reopened = openStore(file);
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const words = new Set(reopened.store.load(DOC)!.getText('log').toString().split(' '));
      const missing = acknowledged.filter((marker) => !words.has(marker));
      expect(missing, `round ${round}: acknowledged but missing`).toEqual([]);
      reopened.db.close();
    }
    expect(acknowledged.length).toBeGreaterThan(100);
  });
});
