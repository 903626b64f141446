import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Core } from '../../electron/core/core';
import { openApiSocket, sessionCookie } from '../helpers/api-socket';
import { openTestCore, REPORTER } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';

let core: Core;
let shell: WebShell;

beforeEach(async () => {
  core = openTestCore();
  const rendererDir = makeTempDir('lede-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lede</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  shell = await startWebShell(core, { port: 0, rendererDir });
});

afterEach(async () => {
  await shell.close();
  await core.close();
});

const base = () => `http://127.0.0.1:${shell.port}`;

function refusedUpgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api/ws`, { headers });
    ws.once('open', () => reject(new Error('upgrade was accepted')));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

describe('web shell access', () => {
  it('serves the page with a strict Content-Security-Policy, bound to 127.0.0.1', async () => {
    const response = await fetch(`${base()}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Lede</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`ws://127.0.0.1:${shell.port}`);
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
  });

  it('trades the right token for an HttpOnly SameSite=Strict cookie and refuses a wrong one with 401', async () => {
    const wrong = await fetch(`${base()}/api/session`, { method: 'POST', body: JSON.stringify({ token: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/not valid/);
    const right = await fetch(`${base()}/api/session`, { method: 'POST', body: JSON.stringify({ token: shell.token }) });
    expect(right.status).toBe(200);
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lede_session=[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const check = await fetch(`${base()}/api/session`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(check.status).toBe(200);
  });

  it('refuses the WebSocket without a session, from a foreign Origin, or for another Host', async () => {
    const cookie = await sessionCookie(shell.port, shell.token);
    const origin = `http://127.0.0.1:${shell.port}`;
    expect(await refusedUpgrade({ Origin: origin })).toBe(401);
    expect(await refusedUpgrade({ Origin: origin, Cookie: 'lede_session=forged' })).toBe(401);
    expect(await refusedUpgrade({ Origin: 'https://evil.example', Cookie: cookie })).toBe(403);
    expect(await refusedUpgrade({ Cookie: cookie })).toBe(403);
    expect(await refusedUpgrade({ Origin: origin, Cookie: cookie, Host: `evil.example:${shell.port}` })).toBe(403);
  });

  it('refuses other routes without a session and never serves files outside the app', async () => {
    expect((await fetch(`${base()}/api/anything`)).status).toBe(401);
    expect((await fetch(`${base()}/media/abc/thumb`)).status).toBe(401);
    expect((await fetch(`${base()}/../package.json`)).status).toBe(404);
    expect((await fetch(`${base()}/assets/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${base()}/assets/app.js`)).status).toBe(200);
    // fetch() will not forge a Host header; a DNS-rebinding page would send one.
    const rebinding = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: shell.port, path: '/', headers: { Host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0)).on('error', reject);
    });
    expect(rebinding).toBe(403);
  });
});

describe('web shell API transport', () => {
  it('answers garbage with invalid_payload and keeps serving the same socket', async () => {
    const api = await openApiSocket(shell.port, await sessionCookie(shell.port, shell.token));
    for (const garbage of ['not json', '42', 'null', '[]', '{"type":"invoke"}', '{"type":"invoke","id":"x","channel":"app.info"}']) {
      const reply = api.nextResult();
      api.sendRaw(garbage);
      expect(await reply).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    const binary = api.nextResult();
    api.sendRaw(Buffer.from([0, 1, 2, 3]));
    expect(await binary).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await api.invoke('no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await api.invoke('profile.set', { name: 42, role: 'reporter' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await api.invoke('profile.set', { name: 'x'.repeat(5000), role: 'reporter' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await api.invoke('profile.get', {})).toEqual({ ok: true, value: null });
    await api.call('profile.set', REPORTER);
    expect(await api.call('profile.get', {})).toEqual(REPORTER);
    api.close();
  });

  it('survives a frame above the size limit: that socket is closed, new ones are served', async () => {
    const cookie = await sessionCookie(shell.port, shell.token);
    const api = await openApiSocket(shell.port, cookie);
    const closed = new Promise<number>((resolve) => api.ws.once('close', (code) => resolve(code)));
    api.sendRaw('x'.repeat(26 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const again = await openApiSocket(shell.port, cookie);
    expect(await again.invoke('app.info', {})).toMatchObject({ ok: true, value: { shell: 'web' } });
    again.close();
  });

  it('sends a story’s updates to other tabs that have it open, never back to the sender', async () => {
    const cookie = await sessionCookie(shell.port, shell.token);
    const author = await openApiSocket(shell.port, cookie);
    const desk = await openApiSocket(shell.port, cookie);
    await author.call('profile.set', REPORTER);
    const { id } = await author.call('article.create', {});
    await author.call('article.open', { id });
    await desk.call('article.open', { id });
    const Y = await import('yjs');
    const { bytesToBase64 } = await import('../../shared/base64');
    const doc = new Y.Doc();
    doc.getText('headline').insert(0, 'Breaking');
    await author.call('article.update', { id, update: bytesToBase64(Y.encodeStateAsUpdate(doc)) });
    await expect.poll(() => desk.events.filter((e) => e.event === 'article.updated').length).toBe(1);
    expect(author.events.filter((e) => e.event === 'article.updated')).toHaveLength(0);
    author.close();
    desk.close();
  });
});
