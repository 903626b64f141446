import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthSchema } from '../../shared/sync-protocol';
import { startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';

/**
 * Clients that misbehave on purpose: resets in the middle of an answer,
 * nonsense paths and methods. The server is its own process here, so a
 * crash shows as /health not answering (and in its exit), not as a test
 * runner error.
 */

let server: SyncServerProcess;
let token: string;

beforeAll(async () => {
  server = await startSyncServerProcess();
  token = await server.addUser('Wesley Rahn', 'admin');
});
afterAll(() => server.stop());

async function health(): Promise<void> {
  const response = await fetch(`${server.url}/health`);
  expect(response.status).toBe(200);
  healthSchema.parse(await response.json());
}

/** Opens a TCP connection, writes `request`, and resets the connection (RST) as soon as it is open. */
function sendAndReset(request: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const timer = setTimeout(() => reject(new Error('no connection within 5 s')), 5000);
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(request, () => {
        socket.resetAndDestroy();
      });
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Writes a raw request and reads the answer until the server closes or the status line has come (bounded to 5 s). */
function rawRequest(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 5 s to ${JSON.stringify(request.slice(0, 60))}`));
    }, 5000);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (/\r\n\r\n/.test(answer)) socket.end();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.once('connect', () => socket.write(request));
  });
}

const upgrade = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;

describe('resets and refusals do not end the server', () => {
  it('survives 200 refused upgrades whose client resets at once', async () => {
    for (let i = 0; i < 200; i++) await sendAndReset(upgrade(i % 2 ? '/nope' : `/sync/../${i}`));
    await health();
    expect(server.process.child.exitCode).toBeNull();
  });

  it('survives resets on accepted upgrades and in the middle of API requests', async () => {
    for (let i = 0; i < 50; i++) {
      await sendAndReset(upgrade('/sync'));
      await sendAndReset(`GET /api/catalog?since=0 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
      await sendAndReset(`POST /api/catalog/lookup HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Length: 100\r\n\r\n{"ids":`);
    }
    await health();
  });

  it.each([
    ['an absolute URL that does not parse', 'GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n', [400, 404]],
    ['a purge with broken percent-encoding', `DELETE /api/documents/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'TOKEN'}\r\nContent-Length: 0\r\n\r\n`, [400]],
    ['an unknown method', 'BREW /health HTTP/1.1\r\nHost: x\r\n\r\n', [400, 405]],
    ['a lookup that is not JSON', `POST /api/catalog/lookup HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer TOKEN\r\nContent-Length: 5\r\n\r\n{"ids`, [400]],
    ['a lookup with the wrong shape', `POST /api/catalog/lookup HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer TOKEN\r\nContent-Length: 11\r\n\r\n{"ids":[1]}`, [400]],
    ['a catalog with a negative cursor', 'GET /api/catalog?since=-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer TOKEN\r\n\r\n', [400]],
    ['a catalog with a huge limit', 'GET /api/catalog?limit=1e999 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer TOKEN\r\n\r\n', [400]],
    ['a media path that is not a hash', 'GET /api/media/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer TOKEN\r\n\r\n', [404]],
    ['a header that is not HTTP', 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', [400]],
    ['an upgrade to a path with a NUL', 'GET /sync%00 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n', [404]],
    ['an upgrade without a key', 'GET /sync HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n', [400]],
  ])('%s gets a 4xx answer, not a crash', async (_label, request, statuses) => {
    const answer = await rawRequest((request as string).replaceAll('TOKEN', token));
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
    expect(statuses).toContain(status);
    await health();
  });
});
