import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { articleParts } from '../../shared/article-doc';
import { CONTROL_DOC, SYNC_SOCKET_PATH } from '../../shared/sync-protocol';
import { createServerLog } from '../../server/log';
import { SqliteServerStore } from '../../server/storage/sqlite-store';
import type { ServerLimits } from '../../server/limits';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { addUser } from '../../server/users-cli';
import { rawProvider, type RawProvider } from '../helpers/raw-provider';
import { waitUntil } from '../helpers/sync';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * What a client without a token (or with a bad one) can make the server
 * hold: a few sockets, 64 KiB each, for a few seconds. Each group runs its
 * own server with small limits so the edges are quick to reach.
 */

const servers: SyncServer[] = [];
let raws: RawProvider[] = [];
let sockets: Array<WebSocket | net.Socket> = [];
afterEach(() => {
  for (const raw of raws) raw.destroy();
  for (const socket of sockets) socket instanceof WebSocket ? socket.terminate() : socket.destroy();
  raws = [];
  sockets = [];
});
afterAll(async () => {
  for (const server of servers) await server.close();
});

async function start(limits: Partial<ServerLimits>): Promise<{ server: SyncServer; token: string }> {
  const server = await startSyncServer({ dataDir: makeTempDir('lede-server-'), host: '127.0.0.1', port: 0, log: createServerLog('error'), limits });
  servers.push(server);
  const token = (await addUser(server.store, `Editor ${servers.length}`, 'editor')).at(-1)!;
  return { server, token };
}

const wsUrl = (server: SyncServer) => server.url.replace(/^http/, 'ws') + SYNC_SOCKET_PATH;

function provider(server: SyncServer, token: string, name: string): RawProvider {
  const raw = rawProvider(server.url, token, name);
  raws.push(raw);
  return raw;
}

/** A bare WebSocket that sends nothing; resolves once open, or with the HTTP status that refused it. */
function bareSocket(server: SyncServer, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; refused: number | null }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(server), { headers });
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.once('open', () => resolve({ socket, refused: null }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ socket, refused: response.statusCode ?? 0 });
      response.resume();
    });
    socket.once('close', () => reject(new Error('closed before it opened')));
  });
}

function closed(socket: WebSocket): Promise<void> {
  return socket.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

/** A story a good client keeps editing while others misbehave: its edits must keep being stored. */
async function goodClientStores(good: RawProvider, text: string): Promise<void> {
  const before = good.events.stateless.length;
  articleParts(good.doc).headline.insert(0, text);
  await waitUntil(() => good.events.stateless.slice(before).some((m) => m.includes('"type":"stored"')), `the good client's "${text}" to be stored`, 10_000);
  expect(good.events.failed).toEqual([]);
}

describe('before authentication', () => {
  it('an oversized frame closes the socket long before the frame is sent; many small frames are cut at the same budget', async () => {
    const { server, token } = await start({ preAuthBytes: 64 * 1024, authTimeoutMs: 10_000 });
    const good = provider(server, token, `article:${crypto.randomUUID()}`);
    await waitUntil(() => good.events.synced > 0, 'the good client to sync');

    const FRAME = 32 * 1024 * 1024;
    const { written, closedEarly } = await sendFrameRaw(server.port, FRAME);
    expect(closedEarly).toBe(true);
    // What got out of this process before the server hung up: the server's
    // budget plus what the two kernels' socket buffers took meanwhile —
    // far from the frame, and nothing of it buffered beyond 64 KiB by the server.
    expect(written).toBeLessThan(FRAME / 2);

    // The same budget counts small frames: 200 messages of 1 KiB for a document never authenticated.
    const { socket } = await bareSocket(server);
    const chunk = new Uint8Array(1024);
    for (let i = 0; i < 200 && socket.readyState === WebSocket.OPEN; i++) socket.send(chunk);
    await closed(socket);

    await goodClientStores(good, 'Still here. ');
  });

  it('a socket that authenticates nothing is closed after the configured time', async () => {
    const { server, token } = await start({ authTimeoutMs: 1000 });
    const good = provider(server, token, `article:${crypto.randomUUID()}`);
    await waitUntil(() => good.events.synced > 0, 'the good client to sync');
    const { socket } = await bareSocket(server);
    const opened = Date.now();
    await closed(socket);
    const after = Date.now() - opened;
    expect(after).toBeGreaterThanOrEqual(900);
    expect(after).toBeLessThan(5000);
    // The good socket authenticated in time and is not cut.
    await goodClientStores(good, 'Past the timeout. ');
    expect(good.events.disconnected).toBe(0);
  });
});

describe('connection caps', () => {
  it('refuses the N+1th socket from one address, and takes one again once a place is free; X-Forwarded-For is ignored unless the proxy is trusted', async () => {
    const { server } = await start({ maxConnectionsPerAddress: 3, authTimeoutMs: 20_000 });
    const open = [];
    for (let i = 0; i < 3; i++) {
      const attempt = await bareSocket(server, { 'X-Forwarded-For': `203.0.113.${i}` });
      expect(attempt.refused).toBeNull();
      open.push(attempt.socket);
    }
    expect((await bareSocket(server, { 'X-Forwarded-For': '198.51.100.9' })).refused).toBe(503);
    open[0]!.close();
    await closed(open[0]!);
    await waitUntil(async () => (await bareSocket(server)).refused === null, 'a place to be free again', 5000);
  });

  it('with the proxy trusted, each forwarded address has its own cap', async () => {
    const { server } = await start({ maxConnectionsPerAddress: 2, authTimeoutMs: 20_000, trustedProxies: ['127.0.0.1'] });
    for (let i = 0; i < 2; i++) expect((await bareSocket(server, { 'X-Forwarded-For': '203.0.113.1' })).refused).toBeNull();
    expect((await bareSocket(server, { 'X-Forwarded-For': '203.0.113.1' })).refused).toBe(503);
    // A client-written entry further left does not make a new address.
    expect((await bareSocket(server, { 'X-Forwarded-For': '10.9.9.9, 203.0.113.1' })).refused).toBe(503);
    expect((await bareSocket(server, { 'X-Forwarded-For': '203.0.113.2' })).refused).toBeNull();
  });

  it('refuses an account more sockets than its cap', async () => {
    const { server, token } = await start({ maxConnectionsPerAccount: 2 });
    const name = `article:${crypto.randomUUID()}`;
    const first = provider(server, token, name);
    const second = provider(server, token, name);
    await waitUntil(() => first.events.synced > 0 && second.events.synced > 0, 'two sockets of the account');
    const third = provider(server, token, name);
    await waitUntil(() => third.events.failed.length > 0, 'the third to be refused');
    expect(third.events.failed[0]).toBe('too-many-connections');
    await goodClientStores(first, 'Two is enough. ');
  });
  it('a socket that closes while its token is being checked gives its account place back', async () => {
    // Token lookups take 300 ms here, so the socket is surely gone before its check ends.
    const dataDir = makeTempDir('lede-server-');
    const real = new SqliteServerStore(dataDir);
    const slow = new Proxy(real, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'userByTokenHash' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const server = await startSyncServer({ dataDir, host: '127.0.0.1', port: 0, log: createServerLog('error'), store: slow, limits: { maxConnectionsPerAccount: 1 } });
    servers.push(server);
    const token = (await addUser(slow, 'Slow Lookup', 'editor')).at(-1)!;
    // Hocuspocus' auth message: document name, Auth (2), Token (0), the token (each shorter than 128: one-byte lengths).
    const auth = Buffer.concat([Buffer.from([CONTROL_DOC.length]), Buffer.from(CONTROL_DOC), Buffer.from([2, 0, token.length]), Buffer.from(token)]);
    const { socket } = await bareSocket(server);
    socket.send(auth, () => socket.terminate());
    await closed(socket);
    const good = provider(server, token, `article:${crypto.randomUUID()}`);
    await waitUntil(() => good.events.synced > 0 || good.events.failed.length > 0, 'the account\'s one socket');
    expect(good.events.failed).toEqual([]);
  });
});

describe('failed tokens', () => {
  it('an address that keeps sending bad tokens gets 429 with Retry-After, on HTTP and the WebSocket; a token that worked keeps working', async () => {
    const { server, token } = await start({ authFailures: 3, authFailureWindowMs: 60_000 });
    const me = (bearer: string) => fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect((await me(token)).status).toBe(200);
    const good = provider(server, token, `article:${crypto.randomUUID()}`);
    await waitUntil(() => good.events.synced > 0, 'the good client to sync');

    const bad = 'lede_' + 'x'.repeat(43);
    for (let i = 0; i < 3; i++) expect((await me(bad)).status).toBe(401);
    const throttled = await me(bad);
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // No token at all counts the same.
    expect((await fetch(`${server.url}/api/catalog`)).status).toBe(429);

    // The WebSocket shares the count.
    const guesser = provider(server, bad, `article:${crypto.randomUUID()}`);
    await waitUntil(() => guesser.events.failed.length > 0, 'the guesser to be refused');
    expect(guesser.events.failed[0]).toBe('rate-limited');

    // The newsroom behind the same address goes on.
    expect((await me(token)).status).toBe(200);
    await goodClientStores(good, 'Unthrottled. ');
    const another = provider(server, token, `article:${crypto.randomUUID()}`);
    await waitUntil(() => another.events.synced > 0, 'a new socket with the good token');
  });
});

/**
 * Upgrades a raw TCP socket to a WebSocket on /sync, declares one binary
 * frame of `size` bytes and writes its payload in 64 KiB pieces (each after
 * the last drained), stopping when the server hangs up. Bounded: at most
 * `size` bytes and 20 s.
 */
function sendFrameRaw(port: number, size: number): Promise<{ written: number; closedEarly: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    sockets.push(socket);
    let written = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ written, closedEarly: written < size });
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      reject(new Error(`the server did not hang up within 20 s (${written} bytes written)`));
    }, 20_000);
    socket.on('error', finish);
    socket.on('close', finish);
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.resume();
      if (!answer.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${answer.split('\r\n')[0]}`));
      // FIN + binary, masked, 64-bit length.
      const header = Buffer.alloc(14);
      header[0] = 0x82;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(size), 2);
      socket.write(header);
      const piece = Buffer.alloc(64 * 1024, 0x41);
      const pump = () => {
        while (!done && written < size) {
          written += piece.length;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
      };
      pump();
    };
    socket.on('data', onData);
    socket.once('connect', () =>
      socket.write(`GET ${SYNC_SOCKET_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`),
    );
  });
}
