import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../shared/article-doc';
import { mergeState } from '../../server/storage/merge-state';
import { SqliteServerStore } from '../../server/storage/sqlite-store';
import { StoreWorker } from '../../server/storage/store-worker-client';
import { bundleScript } from '../helpers/bundle-script';
import { SERVER_STORE_WORKER } from '../helpers/sync-server-process';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * The store worker thread, as the built server runs it: merges and SQLite
 * writes happen there, give the same results as inline, and a request it
 * cannot do fails alone.
 */
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

function story(headline: string, paragraphs: string[]): Uint8Array {
  const doc = new Y.Doc();
  const parts = articleParts(doc);
  parts.headline.insert(0, headline);
  parts.body.push(
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  return Y.encodeStateAsUpdate(doc);
}

describe('the store worker', () => {
  it('merges on its thread exactly as inline', async () => {
    const worker = new StoreWorker(await bundleScript(SERVER_STORE_WORKER));
    open.push(worker);
    expect(worker.runsInline).toBe(false);
    const stored = story('Syria seeks new start', ['First.']);
    const update = story('Putin meets al-Sharaa', ['Second.']);
    const onThread = await worker.run({ op: 'merge-state', stored, update, kind: 'article' });
    const inline = mergeState(stored, update, 'article');
    expect(onThread.changed).toBe(true);
    expect(Buffer.from(onThread.state)).toEqual(Buffer.from(inline.state));
    expect(Buffer.from(onThread.snapshot)).toEqual(Buffer.from(inline.snapshot));
    expect(onThread).toMatchObject({ headline: inline.headline, status: inline.status, stateBytes: inline.state.byteLength });
  });

  it('writes the embedded store on its own connection; the store reads what it wrote; a purge too', async () => {
    const dir = makeTempDir('lede-store-worker-');
    const store = new SqliteServerStore(dir, { storeWorkerFile: await bundleScript(SERVER_STORE_WORKER) });
    open.push(store);
    const name = 'article:4ae6c0a1-4f70-45aa-aa04-264e1c7d07b5';
    const update = story('Kremlin talks', ['One.']);
    const first = await store.mergeDocument(name, 'article', update, 1);
    const again = await store.mergeDocument(name, 'article', update, 2);
    expect(first).toMatchObject({ kind: 'stored', version: 1, changed: true });
    expect(again).toMatchObject({ kind: 'stored', version: 1, changed: false });
    const loaded = await store.loadDocument(name);
    expect(loaded!.version).toBe(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded!.state!);
    expect(articleParts(doc).headline.toString()).toBe('Kremlin talks');
    expect((await store.catalog(0, 10)).rows).toMatchObject([{ name, headline: 'Kremlin talks', version: 1 }]);
    // Only a story in the trash is purged; the check and the purge are one transaction on the worker.
    expect(await store.purgeDocument(name, 3)).toEqual({ kind: 'not_trashed' });
    const trash = new Y.Doc();
    Y.applyUpdate(trash, loaded!.state!);
    const trashed = Y.encodeStateVector(trash);
    articleParts(trash).meta.set('trashedAt', '2026-12-02T10:00:00Z');
    await store.mergeDocument(name, 'article', Y.encodeStateAsUpdate(trash, trashed), 3);
    expect(await store.purgeDocument(name, 3)).toEqual({ kind: 'purged', seq: 3 });
    expect(await store.purgeDocument(name, 3)).toEqual({ kind: 'already_purged' });
    expect(await store.loadDocument(name)).toMatchObject({ deleted: true, state: null });
    expect(await store.mergeDocument(name, 'article', story('Back?', []), 4)).toEqual({ kind: 'deleted' });
  });

  it('a request it cannot do fails with its reason, and the next one works', async () => {
    const worker = new StoreWorker(await bundleScript(SERVER_STORE_WORKER));
    open.push(worker);
    const missing = path.join(makeTempDir('lede-store-worker-'), 'no-such.sqlite');
    await expect(worker.run({ op: 'sqlite-purge', file: missing, name: 'article:x', now: 1 })).rejects.toThrow(/unable to open database file|directory does not exist|no such file/i);
    await expect(worker.run({ op: 'merge-state', stored: new Uint8Array([1, 2, 3]), update: story('x', []), kind: 'article' })).rejects.toThrow();
    const ok = await worker.run({ op: 'merge-state', stored: null, update: story('Still here', []), kind: 'article' });
    expect(ok.headline).toBe('Still here');
  });
});
