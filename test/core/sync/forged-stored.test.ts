import { articleDocName } from '../../../shared/documents/article-kind';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutgoingMessage } from '@hocuspocus/server';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SyncApiError, SyncServerApi } from '../../../electron/core/sync/server-api';
import { createServerLog } from '../../../server/log';
import { SqliteServerStore } from '../../../server/storage/sqlite-store';
import type { ServerStore } from '../../../server/storage/server-store';
import { startSyncServer, type SyncServer } from '../../../server/sync-server';
import { addUser } from '../../../server/users-cli';
import { articleParts, bodyPlainText } from '../../../shared/article-doc';
import { bytesToBase64 } from '../../../shared/base64';
import { CONTROL_DOC, SYNC_SOCKET_PATH } from '../../../shared/sync-protocol';
import { openStory } from '../../helpers/core';
import { rawProvider, type RawProvider } from '../../helpers/raw-provider';
import { closeAll, openSyncedClient, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * ADR 0041 against a hostile account: only the server may say "stored".
 * Hocuspocus relays a client's BroadcastStateless to every connection on
 * the document framed exactly like the server's own messages; a forged
 * `stored` with a high version once made a laptop say Synced for an edit
 * the server never stored, and then ignore the real (lower) versions.
 */

const FORGED_VERSION = 1_000_000_000;

let clients: SyncedClient[] = [];
let raws: RawProvider[] = [];
let sockets: WebSocket[] = [];
let server: SyncServer | null = null;
afterEach(async () => {
  for (const raw of raws) raw.destroy();
  for (const socket of sockets) socket.terminate();
  await closeAll(clients);
  await server?.close();
  clients = [];
  raws = [];
  sockets = [];
  server = null;
});

/** The real SQLite store, whose merges wait while `hold` is on: an edit the server has in memory but has not stored. */
function heldStore(dataDir: string): { store: ServerStore; hold(): void; release(): void } {
  const real = new SqliteServerStore(dataDir);
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  const store = new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'mergeDocument' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        while (gate) await gate.promise;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    hold() {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
    },
    release() {
      const current = gate;
      gate = null;
      current?.open();
    },
  };
}

function connectRaw(token: string, name: string): RawProvider {
  const raw = rawProvider(server!.url, token, name);
  raws.push(raw);
  return raw;
}

const storedVersionOf = (client: SyncedClient, docId: string) =>
  (client.core.internals.db.prepare('SELECT stored_version AS v FROM sync_state WHERE doc_id = ?').get(docId) as { v: number } | undefined)?.v ?? null;

describe('a forged "stored"', () => {
  it('from a reader or a writer, broadcast or sent, on the document or the control document, or before authenticating: the victim is not synced until the real store, and keeps pulling', { timeout: 60_000 }, async () => {
    const dataDir = makeTempDir('lede-server-');
    const held = heldStore(dataDir);
    server = await startSyncServer({ dataDir, host: '127.0.0.1', port: 0, log: createServerLog('error'), store: held.store, limits: { authTimeoutMs: 2000 } });
    const authorToken = (await addUser(held.store, 'Wesley Rahn', 'editor')).at(-1)!;
    const colleagueToken = (await addUser(held.store, 'Ann Colleague', 'editor')).at(-1)!;
    const readerToken = (await addUser(held.store, 'Guest Reader', 'reader')).at(-1)!;
    const writerToken = (await addUser(held.store, 'Hostile Writer', 'editor')).at(-1)!;

    const author = await openSyncedClient(server, authorToken, 'Wesley Rahn');
    clients.push(author);
    const { id } = await author.client.call('article.create', {});
    const name = articleDocName(id);
    const story = await openStory(author.client, id);
    await waitSynced(author);

    const reader = connectRaw(readerToken, name);
    const writer = connectRaw(writerToken, name);
    const readerControl = connectRaw(readerToken, CONTROL_DOC);
    // Stands for every other laptop on the story: what the server sends them.
    const observer = connectRaw(colleagueToken, name);
    await waitUntil(() => [reader, writer, readerControl, observer].every((raw) => raw.events.authenticated > 0 && raw.events.synced > 0), 'the other clients to attach');

    // The author writes; the server has it in memory but cannot store it yet.
    held.hold();
    await story.edit((doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Not stored yet.')]);
      articleParts(doc).body.push([paragraph]);
    });
    await waitUntil(() => bodyPlainText(articleParts(reader.doc).body).includes('Not stored yet.'), 'the edit to reach the hostile reader');
    expect(author.core.internals.sync.isSettled()).toBe(false);

    // The forgery: a snapshot of exactly what the author has, with a version above anything real.
    const forgedStored = JSON.stringify({ type: 'stored', version: FORGED_VERSION, snapshot: bytesToBase64(Y.encodeSnapshot(Y.snapshot(reader.doc))) });
    const forgedCatalog = JSON.stringify({ type: 'catalog', cursor: FORGED_VERSION });
    const broadcast = (doc: string, payload: string) => new OutgoingMessage(doc).writeBroadcastStateless(payload).toUint8Array();
    const stateless = (doc: string, payload: string) => new OutgoingMessage(doc).writeStateless(payload).toUint8Array();

    // Each route ends with something the attacker can see come back: its
    // own echo (Hocuspocus relays to the sender too) or the server closing
    // its connection to that document.
    const routes: Array<{ label: string; from: RawProvider; message: Uint8Array; payload: string }> = [
      { label: 'reader broadcasts on the story', from: reader, message: broadcast(name, forgedStored), payload: forgedStored },
      { label: 'writer broadcasts on the story', from: writer, message: broadcast(name, forgedStored), payload: forgedStored },
      { label: 'reader broadcasts a catalog on the control document', from: readerControl, message: broadcast(CONTROL_DOC, forgedCatalog), payload: forgedCatalog },
    ];
    for (const route of routes) {
      route.from.socket.send(route.message);
      await waitUntil(() => route.from.events.closed > 0 || route.from.events.stateless.includes(route.payload), `the server to handle: ${route.label}`, 5000);
      expect(route.from.events.stateless, route.label).not.toContain(route.payload);
    }
    // A plain stateless message is answered by the server, never relayed:
    // one posing as the server's is refused as well (the writer's
    // connection is closed by now, so this comes on a fresh one).
    const writer2 = connectRaw(writerToken, name);
    await waitUntil(() => writer2.events.synced > 0, 'a second hostile writer connection');
    writer2.socket.send(stateless(name, forgedStored));
    await waitUntil(() => writer2.events.closed > 0, 'the server to refuse a stateless message posing as its own', 5000);

    // A socket that never authenticates: its messages are queued by
    // Hocuspocus and dropped with the socket (closed by the auth timeout).
    const stranger = new WebSocket(server.url.replace(/^http/, 'ws') + SYNC_SOCKET_PATH);
    sockets.push(stranger);
    stranger.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      stranger.once('open', () => resolve());
      stranger.once('error', reject);
    });
    stranger.send(broadcast(name, forgedStored));
    stranger.send(broadcast(CONTROL_DOC, forgedCatalog));
    await new Promise<void>((resolve) => stranger.once('close', () => resolve()));

    // Everything the server sent the others since: nothing forged. The
    // observer's own request is answered after whatever was relayed.
    const asked = observer.events.stateless.length;
    observer.provider.sendStateless('stored?');
    await waitUntil(() => observer.events.stateless.length > asked, 'the server to answer the observer');
    expect(observer.events.stateless.join('\n')).not.toContain(String(FORGED_VERSION));
    expect(author.core.internals.sync.isSettled()).toBe(false);
    expect(author.core.internals.sync.status().state).not.toBe('synced');

    // The real store: now, and only now, Synced — with the server's version.
    held.release();
    await waitSynced(author);
    const stored = await held.store.loadDocument(name);
    expect(storedVersionOf(author, name)).toBe(stored!.version);
    expect(stored!.version).toBeLessThan(FORGED_VERSION);

    // And the author still takes in colleagues' changes, also to a story
    // not open here (pulled through the catalog by version).
    await author.client.call('article.close', { id });
    await waitSynced(author);
    const colleague = await openSyncedClient(server, colleagueToken, 'Ann Colleague');
    clients.push(colleague);
    await waitUntil(() => {
      try {
        return storyContent(colleague.core, id).text.includes('Not stored yet.');
      } catch {
        return false;
      }
    }, 'the colleague to have the story');
    const theirs = await openStory(colleague.client, id);
    await theirs.edit((doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Added by a colleague.')]);
      articleParts(doc).body.push([paragraph]);
    });
    await colleague.client.call('article.close', { id });
    await waitSynced(colleague);
    await waitUntil(() => storyContent(author.core, id).text.includes('Added by a colleague.'), 'the author to pull the colleague’s change', 45_000);
  });

  it('is believed only from a server that refuses client broadcasts: a laptop does not sync with an older one (protocol 1)', async () => {
    const old = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: true, serverId: 'old-server', protocol: 1 }));
    });
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(old.address() as AddressInfo).port}`;
      const failure = await new SyncServerApi(url, null).health().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SyncApiError);
      expect((failure as SyncApiError).failure).toBe('protocol');
      expect((failure as SyncApiError).message).toContain('update');
    } finally {
      await new Promise((resolve) => old.close(resolve));
    }
  });
});
