import { articleDocName } from '../../../shared/documents/article-kind';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, readArticleFields, seedArticle } from '../../../shared/article-doc';
import { base64ToBytes } from '../../../shared/base64';
import type { Core } from '../../../electron/core/core';
import { SYNC_ORIGIN } from '../../../electron/core/docs/live-docs';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/store/migrations';
import { initial } from '../../../electron/core/store/migrations/001-initial';
import { openDatabase } from '../../../electron/core/store/open-database';
import { connect, openStory, openTestCore, REPORTER } from '../../helpers/core';
import { waitUntil } from '../../helpers/sync';
import { makeTempDir } from '../../helpers/temp-dir';
import { TEST_KEY, openLibraryFile } from '../../helpers/library-key';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

function remoteStory(headline: string): Uint8Array {
  const doc = new Y.Doc();
  seedArticle(doc, { createdAt: '2025-10-15T09:30:00+02:00', language: 'en', headline });
  return Y.encodeStateAsUpdate(doc);
}

describe('changes from the sync server (LiveDocs.applyRemote)', () => {
  it('a story new here is created on disk, derived into the library, and not loaded into memory', async () => {
    core = openTestCore();
    const client = connect(core);
    const id = randomUUID();
    core.internals.live.applyRemote(articleDocName(id), 'article', remoteStory('From the newsroom'));
    expect(core.internals.live.isLoaded(articleDocName(id))).toBe(false);
    expect(core.internals.docs.info(articleDocName(id))).toMatchObject({ kind: 'article', localChanges: 0 });
    await waitUntil(async () => (await client.call('library.list', {})).items.some((item) => item.id === id && item.headline === 'From the newsroom'), 'the library row');
    expect(core.internals.live.isLoaded(articleDocName(id))).toBe(false);
  });

  it('on an open story: stored in a transaction, sent to every window as article.updated, not counted as a local change', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    const before = core.internals.docs.info(articleDocName(id))!;
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(core.internals.live.get(articleDocName(id))));
    const stateBefore = Y.encodeStateVector(other);
    articleParts(other).headline.insert(0, 'Written on another computer');
    core.internals.live.applyRemote(articleDocName(id), 'article', Y.encodeStateAsUpdate(other, stateBefore));
    const after = core.internals.docs.info(articleDocName(id))!;
    expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
    expect(after.localChanges).toBe(before.localChanges);
    const events = client.events.filter((e) => e.event === 'article.updated');
    expect(events).toHaveLength(1);
    Y.applyUpdate(story.doc, base64ToBytes((events[0]!.payload as { update: string }).update));
    expect(articleParts(story.doc).headline.toString()).toBe('Written on another computer');
    // What is on disk has it too (a fresh read, not the memory copy).
    const fromDisk = core.internals.docs.load(articleDocName(id))!;
    expect(readArticleFields(fromDisk).headline).toBe('Written on another computer');
  });

  it('remote changes may touch the workflow fields an editor cannot (the server ran the rules)', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(core.internals.live.get(articleDocName(id))));
    const sv = Y.encodeStateVector(other);
    articleParts(other).meta.set('status', 'in_edit');
    core.internals.live.applyRemote(articleDocName(id), 'article', Y.encodeStateAsUpdate(other, sv));
    expect(readArticleFields(core.internals.live.get(articleDocName(id))).status).toBe('in_edit');
  });

  it('listeners hear the sync origin, so sync does not send a remote change back', async () => {
    core = openTestCore();
    const origins: string[] = [];
    core.internals.live.onStored((change) => origins.push(change.origin));
    core.internals.live.applyRemote(articleDocName(randomUUID()), 'article', remoteStory('x'));
    expect(origins).toEqual([SYNC_ORIGIN]);
  });

  it('a change made to a live document outside LiveDocs is still stored and announced', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    const heard: string[] = [];
    core.internals.live.onStored((change) => heard.push(change.docId));
    const live = core.internals.live.get(articleDocName(id));
    articleParts(live).teaser.insert(0, 'Written straight into the document');
    expect(heard).toEqual([articleDocName(id)]);
    expect(readArticleFields(core.internals.docs.load(articleDocName(id))!).teaser).toBe('Written straight into the document');
  });
});

describe('migration 004 (sync)', () => {
  it('counts every stored update of an existing library as waiting to sync', () => {
    const file = path.join(makeTempDir(), 'lede.sqlite');
    const old = openDatabase(file, [initial], TEST_KEY);
    old.prepare("INSERT INTO documents (id, kind, created_ms, updated_ms, last_seq) VALUES ('article:a', 'article', 1, 1, 2)").run();
    old.prepare("INSERT INTO doc_updates (doc_id, data, created_ms) VALUES ('article:a', x'00', 1), ('article:a', x'00', 1)").run();
    old.close();
    const db = openDatabase(file, MIGRATIONS, TEST_KEY);
    expect(db.prepare("SELECT local_changes, synced_changes FROM documents WHERE id = 'article:a'").get()).toEqual({ local_changes: 3, synced_changes: 0 });
    db.close();
    const raw = openLibraryFile(file, { readonly: true });
    // Moved on past 004 to the newest version, in the same start.
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    raw.close();
  });
});
