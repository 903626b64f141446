import { articleDocName } from '../shared/documents/article-kind';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { articleParts } from '../shared/article-doc';
import { base64ToBytes, bytesToBase64 } from '../shared/base64';
import { SYNC_SOCKET_PATH } from '../shared/sync-protocol';
import { openCore, type Core, type CoreSession } from '../electron/core/core';
import { silentLogger } from '../electron/core/log';
import { GuardedWebSocket } from '../electron/core/sync/guarded-websocket';
import { SqliteServerStore } from '../server/storage/sqlite-store';
import { buildStoryDoc, random } from './corpus';
import { benchEditGuard } from './edit-guard';
import { benchLargeStory } from './large-story';
import { addUser, startServer } from './server-process';
import { ms, percentile, type BenchRow } from './table';

export async function call<T>(session: CoreSession, channel: string, payload: unknown): Promise<T> {
  const result = await session.invoke(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

export async function until(predicate: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A workstation core in this process (the web shell's options), with the events its one session received. */
export function client(dataDir: string): { core: Core; session: CoreSession; events: Array<{ event: string; payload: unknown; at: number }> } {
  const core = openCore({ dataDir, shell: 'web', version: 'bench', logger: silentLogger, backupDelayMs: null, deriveDelayMs: 300 });
  const events: Array<{ event: string; payload: unknown; at: number }> = [];
  const session = core.connect((event, payload) => events.push({ event, payload, at: performance.now() }));
  return { core, session, events };
}

/** Seeds the server's database directly with `count` stories (the server process is not running yet). */
async function seedServer(dataDir: string, count: number): Promise<void> {
  const store = new SqliteServerStore(dataDir);
  const rand = random(7);
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const doc = buildStoryDoc(rand, 300, now - i * 60_000);
    await store.mergeDocument(articleDocName(`00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`), 'article', Y.encodeStateAsUpdate(doc), now - i * 1000);
    doc.destroy();
  }
  await store.close();
}

export async function runSyncScenarios(repo: string, workDir: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(await benchReconnect(repo, workDir));
  rows.push(await benchFirstSync(repo, workDir));
  rows.push(await benchRoundTrip(repo, workDir));
  rows.push(await benchServerMemory(repo, workDir));
  rows.push(await benchIdleStrangers(repo, workDir));
  rows.push(...(await benchLargeStory(repo, workDir)));
  rows.push(...benchEditGuard());
  return rows;
}

/** 1,000 edits over 100 stories made offline; the server comes back; until it has stored them all. */
async function benchReconnect(repo: string, workDir: string): Promise<BenchRow> {
  const serverDir = path.join(workDir, 'reconnect-server');
  let server = await startServer(repo, serverDir);
  const token = addUser(repo, serverDir, 'Bench Reporter');
  const laptop = client(path.join(workDir, 'reconnect-laptop'));
  try {
    await call(laptop.session, 'profile.set', { name: 'Bench Reporter', role: 'reporter' });
    await call(laptop.session, 'sync.signIn', { serverUrl: server.url, token });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await call<{ id: string }>(laptop.session, 'article.create', {})).id);
    await until(() => laptop.core.internals.sync.isSettled(), 'the first upload');
    const port = server.port;
    await server.stop();
    await until(() => laptop.core.internals.sync.status().state === 'offline', 'offline');
    for (const id of ids) {
      const { state } = await call<{ state: string }>(laptop.session, 'article.open', { id });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, base64ToBytes(state));
      for (let edit = 0; edit < 10; edit++) {
        const before = Y.encodeStateVector(doc);
        articleParts(doc).teaser.insert(articleParts(doc).teaser.length, `offline edit ${edit}. `);
        await call(laptop.session, 'article.update', { id, update: bytesToBase64(Y.encodeStateAsUpdate(doc, before)) });
      }
      await call(laptop.session, 'article.close', { id });
    }
    // The edits made above (the status counts stories, not edits).
    const waiting = ids.length * 10;
    server = await startServer(repo, serverDir, port);
    // The network is back (the app is told, as the OS tells Electron): connect now.
    const started = performance.now();
    await call(laptop.session, 'sync.retry', {});
    await until(() => laptop.core.internals.sync.isSettled(), 'every change stored');
    const elapsed = performance.now() - started;
    return {
      scenario: `reconnect with ${waiting.toLocaleString('en')} offline edits over 100 stories, until the server stored all (loopback)`,
      figure: ms(elapsed),
      budget: '≤ 2 s',
      pass: elapsed <= 2000,
    };
  } finally {
    laptop.session.close();
    await laptop.core.close();
    await server.stop();
  }
}

/** An empty laptop signs in to a server holding 1,000 stories. */
async function benchFirstSync(repo: string, workDir: string): Promise<BenchRow> {
  const serverDir = path.join(workDir, 'first-sync-server');
  await seedServer(serverDir, 1000);
  const server = await startServer(repo, serverDir);
  const token = addUser(repo, serverDir, 'Bench Editor');
  const laptop = client(path.join(workDir, 'first-sync-laptop'));
  try {
    await call(laptop.session, 'profile.set', { name: 'Bench Editor', role: 'editor' });
    const started = performance.now();
    await call(laptop.session, 'sync.signIn', { serverUrl: server.url, token });
    const count = () => (laptop.core.internals.db.prepare("SELECT count(*) AS n FROM documents WHERE kind = 'article'").get() as { n: number }).n;
    await until(() => count() === 1000 && laptop.core.internals.sync.isSettled(), 'all 1,000 stories');
    const synced = performance.now() - started;
    await until(() => (laptop.core.internals.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n === 1000, 'all library rows');
    const listed = performance.now() - started;
    return {
      scenario: 'first sync of 1,000 stories (300 words each) onto an empty laptop',
      figure: `${ms(synced)} stored locally; ${ms(listed)} all in the library`,
      budget: '—',
      pass: null,
    };
  } finally {
    laptop.session.close();
    await laptop.core.close();
    await server.stop();
  }
}

/** One keystroke on one laptop until the other laptop's core tells its window. */
async function benchRoundTrip(repo: string, workDir: string): Promise<BenchRow> {
  const serverDir = path.join(workDir, 'round-trip-server');
  const server = await startServer(repo, serverDir);
  const token = addUser(repo, serverDir, 'Bench Desk');
  const a = client(path.join(workDir, 'round-trip-a'));
  const b = client(path.join(workDir, 'round-trip-b'));
  try {
    for (const side of [a, b]) {
      await call(side.session, 'profile.set', { name: 'Bench Desk', role: 'editor' });
      await call(side.session, 'sync.signIn', { serverUrl: server.url, token });
    }
    const { id } = await call<{ id: string }>(a.session, 'article.create', {});
    await until(() => b.core.internals.docs.info(articleDocName(id)) !== undefined, 'the story on B');
    const { state } = await call<{ state: string }>(a.session, 'article.open', { id });
    await call(b.session, 'article.open', { id });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base64ToBytes(state));
    const samples: number[] = [];
    for (let i = 0; i < 220; i++) {
      const seen = b.events.length;
      const before = Y.encodeStateVector(doc);
      articleParts(doc).teaser.insert(articleParts(doc).teaser.length, 'x');
      const started = performance.now();
      await call(a.session, 'article.update', { id, update: bytesToBase64(Y.encodeStateAsUpdate(doc, before)) });
      await until(() => b.events.slice(seen).some((e) => e.event === 'article.updated'), 'the edit on B', 10_000);
      const arrived = b.events.slice(seen).find((e) => e.event === 'article.updated')!.at;
      if (i >= 20) samples.push(arrived - started);
    }
    return {
      scenario: 'round trip of one edit between two laptops through the server (loopback), p50 / p95',
      figure: `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`,
      budget: '—',
      pass: null,
    };
  } finally {
    for (const side of [a, b]) {
      side.session.close();
      await side.core.close();
    }
    await server.stop();
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The server's resident memory with 1,000 stories open at once (one multiplexed connection). */
async function benchServerMemory(repo: string, workDir: string): Promise<BenchRow> {
  if (!fs.existsSync('/proc/self/status')) return { scenario: 'sync server memory with 1,000 open documents', figure: 'needs /proc (Linux)', budget: '—', pass: null };
  const serverDir = path.join(workDir, 'memory-server');
  await seedServer(serverDir, 1000);
  const server = await startServer(repo, serverDir);
  const token = addUser(repo, serverDir, 'Bench Reader');
  const socket = new HocuspocusProviderWebsocket({ url: server.url.replace(/^http/, 'ws') + SYNC_SOCKET_PATH, WebSocketPolyfill: GuardedWebSocket });
  const providers: HocuspocusProvider[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = rssMb(server.pid);
    let synced = 0;
    for (let i = 0; i < 1000; i++) {
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: articleDocName(`00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`),
        token,
      });
      provider.on('synced', () => synced++);
      provider.attach();
      providers.push(provider);
    }
    await until(() => synced === 1000, 'all 1,000 documents open');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const open = rssMb(server.pid);
    return {
      scenario: 'sync server resident memory with 1,000 open stories (300 words each)',
      figure: `${open.toFixed(0)} MB (${idle.toFixed(0)} MB idle; ${(((open - idle) * 1024) / 1000).toFixed(0)} kB per story)`,
      budget: '—',
      pass: null,
    };
  } finally {
    for (const provider of providers) provider.destroy();
    socket.destroy();
    await server.stop();
  }
}

/**
 * 500 strangers open a WebSocket to /sync and say nothing (no token): the
 * server must hold them for little more than its idle memory, until its
 * authentication timeout closes them. Interleaved: idle, 500 sockets, idle,
 * 500 sockets; the verdict is on the ratio of the medians. The bench lets the
 * sockets stay (a long timeout, a per-address cap above 500) so that what
 * is measured is their cost, not how fast they are thrown out.
 */
export async function benchIdleStrangers(repo: string, workDir: string): Promise<BenchRow> {
  const scenario = 'sync server resident memory with 500 idle unauthenticated sockets';
  if (!fs.existsSync('/proc/self/status')) return { scenario, figure: 'needs /proc (Linux)', budget: '—', pass: null };
  const server = await startServer(repo, path.join(workDir, 'strangers-server'), 0, ['--auth-timeout-s', '300', '--max-connections-per-address', '1000']);
  const idle: number[] = [];
  const held: number[] = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
  try {
    await settle();
    for (let round = 0; round < 2; round++) {
      idle.push(rssMb(server.pid));
      const sockets = await Promise.all(Array.from({ length: 500 }, () => upgradeAndWait(server.port)));
      await settle();
      held.push(rssMb(server.pid));
      for (const socket of sockets) socket.destroy();
      await settle();
    }
  } finally {
    await server.stop();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratio = median(held) / median(idle);
  return {
    scenario,
    figure: `${median(held).toFixed(0)} MB`,
    budget: '≤ 1.25× idle',
    ratio: `${ratio.toFixed(2)}× idle (${median(idle).toFixed(0)} MB, same run)`,
    pass: ratio <= 1.25,
  };
}

/** A raw WebSocket handshake to /sync, then silence. Resolves once the server answered 101. */
function upgradeAndWait(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${SYNC_SOCKET_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${Buffer.from(randomUUID().slice(0, 16)).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.once('data', (chunk: Buffer) => (chunk.toString('latin1').startsWith('HTTP/1.1 101') ? resolve(socket) : reject(new Error(chunk.toString('latin1').split('\r\n')[0]))));
    socket.once('error', reject);
  });
}
