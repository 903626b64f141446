import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseServerArgs } from '../../../server/args';
import { backupDatabase } from '../../../electron/core/store/backup';
import { resolveMediaFile } from '../../../electron/core/media/media-store';
import { articleParts } from '../../../shared/article-doc';
import { connect, openStory, openTestCore, type TestClient } from '../../helpers/core';
import { makeJpeg } from '../../helpers/images';
import { importAndWait } from '../../helpers/media';
import { closeAfterEach, hasStory, serverWithTwoEditors, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { makeTempDir } from '../../helpers/temp-dir';
import { plaintextBytes } from '../../helpers/library-key';

/**
 * "Remove this newsroom's stories from this computer" (ADR 0050): on sign-out
 * every story and photo a server stored or sent goes — rows, search entries,
 * revisions, photo files, and their bytes in the database, its WAL and the
 * kept backups — and stories never synced stay. Refused while changes are
 * waiting unless the person confirms losing them. A computer IT reported
 * lost (`user lost`) does the same by itself at its next connection, and
 * forgets the token. Against the real server process, on loopback.
 */
const { clients, servers } = closeAfterEach();

const newsroom = () => serverWithTwoEditors({ clients, servers });

async function writeStory(client: TestClient, headline: string, body: string, photos: string[] = []): Promise<string> {
  const { id } = await client.call('article.create', {});
  const story = await openStory(client, id);
  await story.edit((doc) => {
    articleParts(doc).headline.insert(0, headline);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(body)]);
    articleParts(doc).body.push([paragraph]);
    for (const sha of photos) {
      const figure = new Y.XmlElement('figure');
      figure.setAttribute('media', sha);
      figure.insert(0, [new Y.XmlText('A caption')]);
      articleParts(doc).body.push([figure]);
    }
  });
  await client.call('article.close', { id });
  return id;
}

async function importPhoto(client: SyncedClient, color: string): Promise<string> {
  const file = path.join(makeTempDir(), `${color.slice(1)}.jpg`);
  fs.writeFileSync(file, await makeJpeg(320, 200, { color }));
  const progress = await importAndWait(client.core, client.client, [file]);
  expect(progress.imported).toBe(1);
  const page = await client.client.call('media.list', {});
  return page.items.find((item) => item.filename === path.basename(file))!.sha256;
}

/**
 * Library files (database with its WAL, backups) whose decrypted pages hold
 * `text`, case-insensitively (search entries are lower-cased). On disk they
 * are encrypted (ADR 0051): what matters is that the pages no longer hold it.
 */
function filesHolding(dataDir: string, text: string): string[] {
  const needles = [Buffer.from(text), Buffer.from(text.toLowerCase())];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.sqlite$/.test(entry.name)) {
        const bytes = plaintextBytes(file);
        if (needles.some((needle) => bytes.includes(needle))) found.push(path.relative(dataDir, file));
      }
    }
  };
  walk(dataDir);
  return found.sort();
}

async function hasPhotoFiles(client: SyncedClient, sha: string): Promise<boolean> {
  return (await resolveMediaFile(client.core.dataDir, sha, 'original')) !== null || (await resolveMediaFile(client.core.dataDir, sha, 'thumb')) !== null;
}

describe('removing the newsroom’s stories on sign-out', () => {
  it('takes synced stories and photos only synced stories use, down to their bytes; never-synced stories and their photos stay', async () => {
    const { server, a, b } = await newsroom();
    const onlySynced = await importPhoto(a, '#aa3366');
    const sharedWithLocal = await importPhoto(a, '#33aa66');
    const mine = await writeStory(a.client, 'Quokkaferry strike ends', 'Zanzibarquill negotiators met overnight.', [onlySynced, sharedWithLocal]);
    const theirs = await writeStory(b.client, 'Harbour vote', 'Marmalotter councillors voted late.');
    await waitSynced(b);
    await waitUntil(() => hasStory(a.core, theirs), 'the colleague’s story to arrive');
    await waitSynced(a);

    // Offline: a story written now was never synced; it shows one of the synced photos.
    await server.stop();
    const local = await writeStory(a.client, 'Draft never sent', 'Pelicanverse notes stay here.', [sharedWithLocal]);
    a.core.internals.articles.flush();
    const dataDir = a.core.dataDir;
    await backupDatabase(a.core.internals.db.name, a.core.internals.backups);
    expect(filesHolding(dataDir, 'Zanzibarquill').length).toBeGreaterThan(0);

    const preview = await a.client.call('sync.removalPreview', {});
    expect(preview).toEqual({ stories: 2, photos: 1, keptStories: 1, unsyncedChanges: 0, unsyncedStories: 0 });
    const events: Array<{ event: string; payload: unknown }> = [];
    const watcher = a.core.connect((event, payload) => events.push({ event, payload }));
    const out = await a.client.call('sync.signOut', { removeNewsroomData: true });
    expect(out).toMatchObject({ state: 'signed_out', account: null, error: null });

    expect(hasStory(a.core, mine)).toBe(false);
    expect(hasStory(a.core, theirs)).toBe(false);
    expect(hasStory(a.core, local)).toBe(true);
    const list = await a.client.call('library.list', {});
    expect(JSON.stringify(list)).not.toContain('Quokkaferry');
    expect(JSON.stringify(list)).toContain('Draft never sent');
    expect(await a.client.call('library.list', { query: 'zanzibarquill' })).toMatchObject({ total: 0 });
    const revisions = a.core.internals.db.prepare('SELECT count(*) FROM revisions WHERE doc_id = ?').pluck().get(`article:${mine}`);
    expect(revisions).toBe(0);

    // The photo only synced stories used is gone, file and row; the one the kept story shows stays.
    expect(await hasPhotoFiles(a, onlySynced)).toBe(false);
    expect(await hasPhotoFiles(a, sharedWithLocal)).toBe(true);
    expect(a.core.internals.media.index.has(onlySynced)).toBe(false);
    expect(a.core.internals.media.index.has(sharedWithLocal)).toBe(true);

    // Not in the database file, its WAL (emptied) or the backup: only the kept story's words are.
    expect(filesHolding(dataDir, 'Zanzibarquill')).toEqual([]);
    expect(filesHolding(dataDir, 'Marmalotter')).toEqual([]);
    expect(filesHolding(dataDir, 'Quokkaferry')).toEqual([]);
    expect(filesHolding(dataDir, 'Pelicanverse')).toEqual(expect.arrayContaining(['lede.sqlite', path.join('backups', fs.readdirSync(path.join(dataDir, 'backups'))[0]!)]));
    const wal = path.join(dataDir, 'lede.sqlite-wal');
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'secrets', 'sync-token'))).toBe(false);
    await waitUntil(() => events.some((e) => e.event === 'library.changed' && JSON.stringify(e.payload).includes(mine)), 'library.changed for the removed story', 2000);
    await waitUntil(() => events.some((e) => e.event === 'media.changed' && JSON.stringify(e.payload).includes(onlySynced)), 'media.changed for the removed photo', 2000);
    watcher.close();
  });

  it('is refused while changes wait, says how many, and goes ahead once the person confirms losing them', async () => {
    const { server, a } = await newsroom();
    const mine = await writeStory(a.client, 'Tramline budget', 'Ottercalque figures first.');
    await waitSynced(a);
    await server.stop();
    const story = await openStory(a.client, mine);
    for (let i = 0; i < 3; i++) await story.edit((doc) => articleParts(doc).teaser.insert(0, `Waitingword${i} `));
    await a.client.call('article.close', { id: mine });

    expect(await a.client.call('sync.removalPreview', {})).toMatchObject({ stories: 1, unsyncedChanges: 3, unsyncedStories: 1 });
    const session = a.core.connect(() => {});
    const refused = await session.invoke('sync.signOut', { removeNewsroomData: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsynced_changes', message: expect.stringContaining('3 changes in 1 story or photo') } });
    // Nothing happened: still signed in, the story and its changes are here.
    expect(hasStory(a.core, mine)).toBe(true);
    expect((await a.client.call('sync.status', {})).account).not.toBeNull();
    const bad = await session.invoke('sync.signOut', { removeNewsroomData: 'yes' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const extra = await session.invoke('sync.signOut', { removeNewsroomData: true, wipe: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(hasStory(a.core, mine)).toBe(true);

    const confirmed = await session.invoke('sync.signOut', { removeNewsroomData: true, confirmUnsyncedLoss: true });
    expect(confirmed).toMatchObject({ ok: true, value: { state: 'signed_out' } });
    expect(hasStory(a.core, mine)).toBe(false);
    expect(filesHolding(a.core.dataDir, 'Waitingword1')).toEqual([]);
    expect(filesHolding(a.core.dataDir, 'Ottercalque')).toEqual([]);
    session.close();

    // Signing in again brings the newsroom's copy back (the catalog is read from the start).
    await server.restart();
    await a.client.call('sync.signIn', { serverUrl: server.url, token: await server.addUser('Richard Connor 2', 'editor') });
    await waitUntil(() => hasStory(a.core, mine), 'the story to come back from the server', 20_000);
  });

  it('signing out without removal keeps everything, waiting changes or not', async () => {
    const { server, a } = await newsroom();
    const mine = await writeStory(a.client, 'Kept', 'Keepsakeword text.');
    await waitSynced(a);
    await server.stop();
    await writeStory(a.client, 'Offline', 'More text.');
    expect(await a.client.call('sync.signOut', {})).toMatchObject({ state: 'signed_out' });
    expect(hasStory(a.core, mine)).toBe(true);
  });
});

describe('a computer reported lost', () => {
  it('at its next connection removes the newsroom’s stories (waiting changes too) and the token, and says so; stories never synced stay', async () => {
    const { server, token, a, b } = await newsroom();
    const mine = await writeStory(a.client, 'Ledger leak', 'Heronquartz sources confirmed.');
    const theirs = await writeStory(b.client, 'Ferry times', 'Walruspine schedule.');
    await waitSynced(b);
    await waitUntil(() => hasStory(a.core, theirs), 'the colleague’s story to arrive');
    await waitSynced(a);

    // The laptop is away from the network when IT reports it lost.
    await server.stop();
    const local = await writeStory(a.client, 'Never synced', 'Gannetloom stays.');
    const story = await openStory(a.client, mine);
    await story.edit((doc) => articleParts(doc).teaser.insert(0, 'Unsentword '));
    await a.client.call('article.close', { id: mine });
    expect((await server.loseUser('Richard Connor')).join('\n')).toContain('as lost');
    expect((await server.loseUser('Richard Connor').catch((error: Error) => error.message)) as string).toContain('no active account');
    expect((await server.cli(['user', 'list'])).find((line) => line.startsWith('Richard Connor'))).toMatch(/\blost \d{4}-/);

    await server.restart();
    // The server answers the lost token differently from a revoked one; a colleague's still works.
    const me = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe('device_lost');
    const stranger = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer lede_${'y'.repeat(43)}` } });
    expect(((await stranger.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await b.client.call('sync.status', {})).account).not.toBeNull();

    await waitUntil(() => a.core.internals.sync.status().state === 'signed_out', 'the lost computer to sign itself out', 25_000, () => JSON.stringify(a.core.internals.sync.status()));
    const status = await a.client.call('sync.status', {});
    expect(status).toMatchObject({ state: 'signed_out', account: null, error: { code: 'device_lost', message: expect.stringContaining('reported lost') } });
    expect(hasStory(a.core, mine)).toBe(false);
    expect(hasStory(a.core, theirs)).toBe(false);
    expect(hasStory(a.core, local)).toBe(true);
    expect(fs.existsSync(path.join(a.core.dataDir, 'secrets', 'sync-token'))).toBe(false);
    expect(filesHolding(a.core.dataDir, 'Heronquartz')).toEqual([]);
    expect(filesHolding(a.core.dataDir, 'Unsentword')).toEqual([]);
    expect(filesHolding(a.core.dataDir, 'Gannetloom')).toEqual(['lede.sqlite']);

    // The notice survives a restart and stays until read; signing in again (with a new token) clears it.
    await a.core.close();
    clients.splice(clients.indexOf(a), 1);
    const core = openTestCore({ dataDir: a.core.dataDir });
    const client = connect(core);
    clients.push({ core, client, name: 'reopened' });
    expect(await client.call('sync.status', {})).toMatchObject({ state: 'signed_out', error: { code: 'device_lost' } });
    await client.call('sync.signIn', { serverUrl: server.url, token: await server.addUser('Richard Connor', 'editor') });
    expect((await client.call('sync.status', {})).error).toBeNull();
    expect(await client.call('sync.dismissNotice', {})).toMatchObject({ error: null });
  });

  it('the command line checks its input', () => {
    expect(parseServerArgs(['user', 'lost', 'Wesley Rahn', '--data-dir', '/tmp/x'])).toMatchObject({ kind: 'user-lost', name: 'Wesley Rahn' });
    expect(() => parseServerArgs(['user', 'lost'])).toThrow(/needs a NAME/);
    expect(() => parseServerArgs(['user', 'lost', 'A', 'B'])).toThrow(/Quote a name/);
    expect(() => parseServerArgs(['user', 'lost', 'A', '--role', 'editor'])).toThrow(/does not apply/);
  });
});
