import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Core } from '../../electron/core/core';
import { openApiSocket, sessionCookie } from '../helpers/api-socket';
import { openTestCore } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * Any web page the person visits can make their browser send requests to the
 * web shell, and any local program can send it bytes. None of it may take the
 * process down (one uncaught exception here would fail this file): each
 * hostile request gets its answer, and the shell keeps serving.
 */
let core: Core;
let shell: WebShell;

beforeAll(async () => {
  core = openTestCore();
  const rendererDir = makeTempDir('lede-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lede</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  shell = await startWebShell(core, { port: 0, rendererDir });
});

afterAll(async () => {
  await shell.close();
  await core.close();
});

/** Each test signs in with a link of its own: links are single use. */
const signIn = () => sessionCookie(shell.port, new URL(shell.freshLink()).hash.slice('#token='.length));

const EXCHANGE_TIMEOUT_MS = 5_000;

/** Sends raw bytes, returns the status code the shell answered (or null if it only closed the connection). */
function rawExchange(bytes: string | Buffer): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(shell.port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${EXCHANGE_TIMEOUT_MS} ms`));
    }, EXCHANGE_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    // The shell may reset a connection it refused while our request is still unread; that is an answer too.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      resolve(status ? Number(status[1]) : null);
    });
    // No half-close: Node's server would take it for the client going away. Every request here says Connection: close or is refused, so the shell ends it.
    socket.write(bytes);
  });
}

const request = (method: string, target: string, headers = '', body = '') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nConnection: close\r\n${headers}\r\n${body}`;

describe('hostile requests', () => {
  it('answers each one (400, 404, 401, 403, 431 …) and keeps serving', async () => {
    const cases: Array<[string, string | Buffer, number | null]> = [
      ['NUL byte, percent-encoded', request('GET', '/%00'), 400],
      ['NUL byte in an asset name', request('GET', '/assets/%00.js'), 400],
      ['NUL byte after a real name', request('GET', '/index.html%00.png'), 400],
      ['lone percent sign', request('GET', '/%'), 400],
      ['truncated escape', request('GET', '/assets/%e'), 400],
      ['overlong UTF-8', request('GET', '/%C0%AF'), 400],
      ['lone surrogate', request('GET', '/%ED%A0%80'), 400],
      ['encoded traversal', request('GET', '/..%2f..%2fetc/passwd'), 404],
      ['encoded dots', request('GET', '/assets/%2e%2e/%2e%2e/package.json'), 404],
      ['backslash traversal', request('GET', '/..%5c..%5cpackage.json'), 404],
      ['absolute-form target', request('GET', 'http://127.0.0.1/etc/passwd'), 404],
      ['asterisk target', request('OPTIONS', '*'), 404],
      ['long path (past the file system’s name limit)', request('GET', `/${'a'.repeat(8_000)}`), 404],
      ['path past the header limit', request('GET', `/${'a'.repeat(20_000)}`), 431],
      ['NUL in the query only', request('GET', '/?%00'), 200],
      ['unknown method', request('FOO', '/'), 400],
      ['WebDAV method', request('PROPFIND', '/'), 404],
      ['TRACE', request('TRACE', '/'), 404],
      ['DELETE on the session', request('DELETE', '/api/session'), 401],
      ['media without a session', request('GET', '/media/%00/thumb'), 401],
      ['token trade with JSON null', request('POST', '/api/session', 'Content-Length: 4\r\n', 'null'), 401],
      ['token trade with a JSON string', request('POST', '/api/session', 'Content-Length: 2\r\n', '""'), 401],
      ['token trade with an object token', request('POST', '/api/session', 'Content-Length: 12\r\n', '{"token":{}}'), 401],
      ['token trade that is not JSON', request('POST', '/api/session', 'Content-Length: 3\r\n', '{{{'), 400],
      ['token trade over the size limit', request('POST', '/api/session', 'Content-Length: 5000\r\n', 'x'.repeat(5000)), null],
      ['invalid chunked body', request('POST', '/api/session', 'Transfer-Encoding: chunked\r\n', 'zz\r\nxx\r\n0\r\n\r\n'), 400],
      ['Content-Length and chunked together', request('POST', '/api/session', 'Content-Length: 3\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'), 400],
      ['Content-Length that is not a number', request('POST', '/api/session', 'Content-Length: abc\r\n'), 400],
      ['header without a colon', request('GET', '/', 'X-Broken\r\n'), 400],
      ['NUL in a header value', request('GET', '/', 'X-Evil: a\u0000b\r\n'), 400],
      ['raw NUL in the request line', Buffer.from(`GET /\u0000 HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\n\r\n`, 'latin1'), 400],
      ['no Host header', 'GET / HTTP/1.0\r\n\r\n', 403],
      ['foreign Host header', `GET /%00 HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n`, 403],
      ['HTTP/0.9 request line (no Host)', 'GET /\r\n\r\n', 403],
      ['binary garbage', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]), 400],
      ['CONNECT', `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`, null],
    ];
    const observed: Record<string, number | null> = {};
    for (const [name, bytes] of cases) observed[name] = await rawExchange(bytes);
    expect(observed).toEqual(Object.fromEntries(cases.map(([name, , status]) => [name, status])));

    // Still serving: the page, the session check, a token trade and the API socket.
    expect((await fetch(`http://127.0.0.1:${shell.port}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${shell.port}/api/session`)).status).toBe(401);
    const api = await openApiSocket(shell.port, await signIn());
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: true, value: { shell: 'web' } });
    api.close();
  });
});

describe('connections reset at once', () => {
  /** Sends a request, then resets the TCP connection before the shell answers; resolves when the client socket is gone. */
  function sendThenReset(bytes: string): Promise<void> {
    return new Promise((resolve) => {
      const socket = net.connect(shell.port, '127.0.0.1', () => {
        socket.write(bytes);
        socket.resetAndDestroy();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve());
    });
  }

  const upgrade = (target: string, headers: string) =>
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${headers}\r\n`;

  it('survives 200 refused upgrades whose clients reset the connection immediately', async () => {
    const cookie = await signIn();
    const origin = `Origin: http://127.0.0.1:${shell.port}\r\n`;
    const refused = [
      upgrade('/not-the-socket', origin), // wrong path: 404
      upgrade('/api/ws', origin), // no cookie: 401
      upgrade('/api/ws', `Origin: https://evil.example\r\nCookie: ${cookie}\r\n`), // foreign Origin: 403
      upgrade('/api/ws', `${origin}Cookie: lede_session=forged\r\n`), // unknown session: 401
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nX-Broken\r\n\r\n`, // parser error: clientError's 400
    ];
    const started = Date.now();
    // Ten at a time: resets that land while the shell is writing its refusal are what crashed it.
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => sendThenReset(refused[(round * 10 + i) % refused.length]!)));
      if (Date.now() - started > 20_000) throw new Error(`only ${round + 1} of 20 rounds in 20 s`);
    }
    const check = await fetch(`http://127.0.0.1:${shell.port}/api/session`, { headers: { Cookie: cookie } });
    expect(check.status).toBe(200);
    const api = await openApiSocket(shell.port, cookie);
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: true, value: { shell: 'web' } });
    api.close();
  });
});
