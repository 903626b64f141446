import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Core } from '../../electron/core/core';
import { openApiSocket, sessionCookie, type ApiSocket } from '../helpers/api-socket';
import { openTestCore } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait';

const IDLE_MS = 1_000;
const MAX_SOCKETS = 3;

let core: Core;
let shell: WebShell;
/** The shell's clock: idle expiry is tested by moving it, not by waiting. */
let clock = 0;

beforeEach(async () => {
  clock = 0;
  core = openTestCore();
  const rendererDir = makeTempDir('lede-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lede</title>');
  shell = await startWebShell(core, { port: 0, rendererDir, idleMs: IDLE_MS, maxSocketsPerSession: MAX_SOCKETS, now: () => clock });
});

afterEach(async () => {
  await shell.close();
  await core.close();
});

const base = () => `http://127.0.0.1:${shell.port}`;
const tokenOf = (link: string) => new URL(link).hash.slice('#token='.length);

function trade(token: string): Promise<Response> {
  return fetch(`${base()}/api/session`, { method: 'POST', body: JSON.stringify({ token }) });
}

async function sessionStatus(cookie: string): Promise<number> {
  return (await fetch(`${base()}/api/session`, { headers: { Cookie: cookie } })).status;
}

function upgradeStatus(cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api/ws`, { headers: { Cookie: cookie, Origin: base() } });
    ws.once('open', () => {
      ws.close();
      reject(new Error('upgrade was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('sign-in links', () => {
  it('trade once: a second trade of the same link is refused with 401 and says how to get a new one', async () => {
    const first = await trade(shell.token);
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;

    const again = await trade(shell.token);
    expect(again.status).toBe(401);
    const { error } = (await again.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/already used/);
    expect(error.message).toMatch(/press Enter/);
    expect(error.message).toMatch(/restart Lede/);
    expect(again.headers.get('set-cookie')).toBeNull();

    // The browser it signed in keeps working on its cookie (a reload trades nothing).
    expect(await sessionStatus(cookie)).toBe(200);
    const api = await openApiSocket(shell.port, cookie);
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: true });
    api.close();
  });

  it('a new link works once; asking for it retires the previous, unused link', async () => {
    const unused = tokenOf(shell.freshLink());
    const fresh = tokenOf(shell.freshLink());
    expect(new Set([shell.token, unused, fresh]).size).toBe(3);
    expect((await trade(unused)).status).toBe(401);
    expect((await trade(fresh)).status).toBe(200);
    expect((await trade(fresh)).status).toBe(401);
    const wrong = await trade('not-a-token');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/not valid/);
  });

  it('two concurrent trades of one link: exactly one session', async () => {
    const statuses = (await Promise.all([trade(shell.token), trade(shell.token), trade(shell.token)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401]);
  });
});

describe('idle sessions', () => {
  it('expire after the idle time; each authorized request restarts the clock', async () => {
    const cookie = await sessionCookie(shell.port, shell.token);
    clock = IDLE_MS - 100;
    expect(await sessionStatus(cookie)).toBe(200);
    clock += IDLE_MS - 100;
    expect(await sessionStatus(cookie)).toBe(200);
    clock += IDLE_MS + 1;
    const expired = await fetch(`${base()}/api/session`, { headers: { Cookie: cookie } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/press Enter/);
    // Gone for good, on every route: going back in time does not revive it.
    clock = 0;
    expect(await sessionStatus(cookie)).toBe(401);
    expect((await fetch(`${base()}/media/${'a'.repeat(64)}/thumb`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect(await upgradeStatus(cookie)).toBe(401);
  });

  it('a session with an open socket is not idle; the clock starts when its last socket closes', async () => {
    const cookie = await sessionCookie(shell.port, shell.token);
    const api = await openApiSocket(shell.port, cookie);
    clock += 10 * IDLE_MS;
    expect(await sessionStatus(cookie)).toBe(200);
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: true });
    clock += 10 * IDLE_MS;
    api.close();
    // The server side of the close comes on its own time; its accounting runs in the same 'close' event.
    await waitFor(() => shell.openSockets() === 0, 5_000, 'the shell to see the socket closed');
    clock += IDLE_MS - 100;
    expect(await sessionStatus(cookie)).toBe(200);
    clock += IDLE_MS + 1;
    expect(await sessionStatus(cookie)).toBe(401);
  });
});

describe('sockets per session', () => {
  it(`refuses the socket past ${MAX_SOCKETS} with 429; a closed one frees its place; other sessions have their own`, async () => {
    const cookie = await sessionCookie(shell.port, shell.token);
    const open: ApiSocket[] = [];
    for (let i = 0; i < MAX_SOCKETS; i++) open.push(await openApiSocket(shell.port, cookie));
    expect(await upgradeStatus(cookie)).toBe(429);
    expect(await upgradeStatus(cookie)).toBe(429);

    const other = await sessionCookie(shell.port, tokenOf(shell.freshLink()));
    const elsewhere = await openApiSocket(shell.port, other);
    expect(await elsewhere.invoke('app.info', {})).toMatchObject({ ok: true });

    open.shift()!.close();
    await waitFor(() => shell.openSockets() === MAX_SOCKETS, 5_000, 'the shell to see the socket closed');
    open.push(await openApiSocket(shell.port, cookie));
    expect(await upgradeStatus(cookie)).toBe(429);
    for (const api of [...open, elsewhere]) api.close();
  });
});
