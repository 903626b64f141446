import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browse, startTestOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';
import { rawProvider } from '../helpers/raw-provider';
import { postJson, verifierPair } from '../helpers/sso';
import { waitUntil } from '../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';
import { makeTempDir } from '../helpers/temp-dir';

// Where the workstation would listen; nothing needs to: the scripted browser stops there.
const RETURN_URL = 'http://127.0.0.1:9/sso/done';

let idp: TestOidcProvider;
/** Matches `sub`, refuses unknown people. */
let byRef: SyncServerProcess;
/** Matches verified email, provisions unknown people as reporters on Politics. */
let provisioning: SyncServerProcess;

beforeAll(async () => {
  idp = await startTestOidcProvider();
  const secretFile = path.join(makeTempDir('lede-oidc-secret-'), 'client-secret');
  fs.writeFileSync(secretFile, `${idp.clientSecret}\n`, { mode: 0o600 });
  const oidcArgs = ['--oidc-issuer', idp.issuer, '--oidc-client-id', idp.clientId];
  byRef = await startSyncServerProcess({ args: [...oidcArgs, '--oidc-client-secret-file', secretFile] });
  provisioning = await startSyncServerProcess({
    args: [...oidcArgs, '--oidc-match', 'email', '--oidc-unknown', 'provision', '--oidc-default-role', 'reporter', '--oidc-default-desk', 'Politics'],
    // The other way to give the secret: never on the command line.
    env: { LEDE_OIDC_CLIENT_SECRET: idp.clientSecret },
  });
  idp.configure({
    redirectUris: [`${byRef.url}/api/sso/callback`, `${provisioning.url}/api/sso/callback`],
    people: {
      wrahn: { name: 'Wesley Rahn', email: 'w.rahn@newsroom.example', email_verified: true },
      stranger: { name: 'Some Stranger', email: 'stranger@newsroom.example', email_verified: true },
      newhire: { name: 'Nia Okafor', email: 'N.Okafor@Newsroom.example', email_verified: true },
      unverified: { name: 'Unverified Person', email: 'unverified@newsroom.example', email_verified: false },
      revoked: { name: 'Revoked Person', email: 'revoked@newsroom.example', email_verified: true },
    },
  });
  await byRef.addUser('Wesley Rahn', 'editor');
  await byRef.cli(['user', 'link', 'Wesley Rahn', '--oidc-issuer', idp.issuer, '--sub', 'wrahn']);
  await byRef.addUser('Revoked Person', 'editor');
  await byRef.cli(['user', 'link', 'Revoked Person', '--oidc-issuer', idp.issuer, '--sub', 'revoked']);
  await provisioning.cli(['desk', 'add', 'Politics']);
}, 60_000);

afterAll(async () => {
  await byRef?.stop();
  await provisioning?.stop();
  await idp?.close();
});

/** Starts a sign-in as a workstation would; the browser signs in as `login`; returns what came back to the loopback address. */
async function signInWithBrowser(server: SyncServerProcess, login: string) {
  const pair = verifierPair();
  const started = await postJson(`${server.url}/api/sso/start`, { returnUrl: RETURN_URL, challenge: pair.challenge, device: 'test laptop' });
  expect(started.status).toBe(200);
  const back = await browse(started.json.authorizationUrl as string, login, RETURN_URL);
  return { ...pair, handle: started.json.handle as string, back };
}

async function me(server: SyncServerProcess, token: string) {
  const response = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('single sign-on through the newsroom’s OpenID Connect provider', () => {
  it('says whether it is offered, without a token', async () => {
    const info = await fetch(`${byRef.url}/api/sso`);
    expect(await info.json()).toEqual({ enabled: true, issuer: idp.issuer });
    const plain = await startSyncServerProcess();
    try {
      expect(await (await fetch(`${plain.url}/api/sso`)).json()).toEqual({ enabled: false });
      const start = await postJson(`${plain.url}/api/sso/start`, { returnUrl: RETURN_URL, challenge: verifierPair().challenge });
      expect(start.status).toBe(404);
    } finally {
      await plain.stop();
    }
  });

  it('a linked person signs in: the code and verifier give a token of the account that works on HTTP and the WebSocket', async () => {
    const { back, handle, verifier } = await signInWithBrowser(byRef, 'wrahn');
    expect(back.origin + back.pathname).toBe(RETURN_URL);
    const code = back.searchParams.get('code');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const finished = await postJson(`${byRef.url}/api/sso/finish`, { handle, code, verifier });
    expect(finished.status).toBe(200);
    const token = finished.json.token as string;
    expect(token).toMatch(/^lede_/);
    expect((await me(byRef, token)).json).toMatchObject({ name: 'Wesley Rahn', role: 'editor' });
    const doc = rawProvider(byRef.url, token, `article:${randomUUID()}`);
    try {
      await waitUntil(() => doc.events.synced > 0 || doc.events.failed.length > 0, 'the document to sync');
      expect(doc.events.failed).toEqual([]);
    } finally {
      doc.destroy();
    }

    // The same code again: used up.
    const replayed = await postJson(`${byRef.url}/api/sso/finish`, { handle, code, verifier });
    expect(replayed.status).toBe(401);
    expect(replayed.json.error?.message).toMatch(/unknown, expired or was already used/);
    // The same callback (authorization code and state) again: no sign-in waits for it.
    expect(byRef.output()).toContain('sso: token issued');
  });

  it('a replayed callback (the same authorization code and state), a made-up state, and a used authorization code under a new state are refused', async () => {
    const pair = verifierPair();
    const started = await postJson(`${byRef.url}/api/sso/start`, { returnUrl: RETURN_URL, challenge: pair.challenge });
    // Stop at the server's callback to keep its address, then let it through once.
    const callback = await browse(started.json.authorizationUrl as string, 'wrahn', byRef.url);
    expect(callback.pathname).toBe('/api/sso/callback');
    const first = await fetch(callback, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    const again = await fetch(callback, { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/not in progress any more/);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'made-up-state');
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(400);
    expect(byRef.output()).toContain('a callback for no sign-in in progress');

    // The used authorization code under a fresh sign-in's state: the provider refuses it, and so does the server.
    const fresh = await postJson(`${byRef.url}/api/sso/start`, { returnUrl: RETURN_URL, challenge: pair.challenge });
    const freshState = new URL(fresh.json.authorizationUrl as string).searchParams.get('state')!;
    const replayed = new URL(callback);
    replayed.searchParams.set('state', freshState);
    const refused = await fetch(replayed, { redirect: 'manual' });
    expect(refused.status).toBe(302);
    const back = new URL(refused.headers.get('location')!);
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('sso_refused');
    expect(back.searchParams.get('error_description')).toMatch(/cannot trust/);
    expect(byRef.output()).toContain('the provider’s answer was refused');
  });

  it('a wrong verifier or handle is refused and uses the code up (a leaked redirect URL is worth nothing)', async () => {
    const { back, handle, verifier } = await signInWithBrowser(byRef, 'wrahn');
    const code = back.searchParams.get('code');
    const wrong = await postJson(`${byRef.url}/api/sso/finish`, { handle, code, verifier: verifierPair().verifier });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error?.message).toMatch(/wrong handle or verifier/);
    const rightAfter = await postJson(`${byRef.url}/api/sso/finish`, { handle, code, verifier });
    expect(rightAfter.status).toBe(401);

    const second = await signInWithBrowser(byRef, 'wrahn');
    const otherHandle = await postJson(`${byRef.url}/api/sso/finish`, { handle: verifierPair().verifier, code: second.back.searchParams.get('code'), verifier: second.verifier });
    expect(otherHandle.status).toBe(401);
    const unknown = await postJson(`${byRef.url}/api/sso/finish`, { handle, code: verifierPair().verifier, verifier });
    expect(unknown.status).toBe(401);
    expect(byRef.output()).toContain('a sign-in code was refused');
  });

  it('a person no account is tied to is refused when provisioning is off', async () => {
    const { back } = await signInWithBrowser(byRef, 'stranger');
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('sso_refused');
    expect(back.searchParams.get('error_description')).toMatch(/no Lede account is tied to you/);
    expect(byRef.output()).toContain('"reason":"unknown_person"');
  });

  it('a revoked account cannot sign in again, and revoking it revokes every token single sign-on made', async () => {
    const first = await signInWithBrowser(byRef, 'revoked');
    const token = (await postJson(`${byRef.url}/api/sso/finish`, { handle: first.handle, code: first.back.searchParams.get('code'), verifier: first.verifier })).json.token as string;
    expect((await me(byRef, token)).status).toBe(200);
    await byRef.revokeUser('Revoked Person');
    await waitUntil(async () => (await me(byRef, token)).status === 401, 'the SSO token to be refused');
    const again = await signInWithBrowser(byRef, 'revoked');
    expect(again.back.searchParams.get('error_description')).toMatch(/revoked/);
    expect(byRef.output()).toContain('"reason":"revoked"');
  });

  it('with email matching and provisioning, a new person gets an account (default role and desk); an unverified email is refused', async () => {
    const { back, handle, verifier } = await signInWithBrowser(provisioning, 'newhire');
    const token = (await postJson(`${provisioning.url}/api/sso/finish`, { handle, code: back.searchParams.get('code'), verifier })).json.token as string;
    expect((await me(provisioning, token)).json).toEqual({ name: 'Nia Okafor', role: 'reporter', desks: ['Politics'] });
    // Signing in again is the same account, not a second one.
    const again = await signInWithBrowser(provisioning, 'newhire');
    const second = (await postJson(`${provisioning.url}/api/sso/finish`, { handle: again.handle, code: again.back.searchParams.get('code'), verifier: again.verifier })).json.token as string;
    expect(second).not.toBe(token);
    expect((await me(provisioning, second)).json).toMatchObject({ name: 'Nia Okafor' });
    expect((await provisioning.cli(['user', 'list'])).filter((line) => line.startsWith('Nia Okafor'))).toHaveLength(1);

    const unverified = await signInWithBrowser(provisioning, 'unverified');
    expect(unverified.back.searchParams.get('error_description')).toMatch(/did not vouch for your email/);
  });

  it.each([
    ['an https address elsewhere', 'https://evil.example/steal'],
    ['http to another host', 'http://evil.example:8080/x'],
    ['localhost by name', 'http://localhost:8080/x'],
    ['no port', 'http://127.0.0.1/x'],
    ['credentials', 'http://user:pw@127.0.0.1:8080/x'],
    ['a query', 'http://127.0.0.1:8080/x?next=https://evil.example'],
    ['not an address', 'javascript:alert(1)'],
  ])('a return address that is not loopback is refused: %s', async (_label, returnUrl) => {
    const start = await postJson(`${byRef.url}/api/sso/start`, { returnUrl, challenge: verifierPair().challenge });
    expect(start.status).toBe(400);
    expect(start.json.error?.message).toMatch(/return address/);
  });

  it('garbage is refused with 400 and logged, and the server keeps answering', async () => {
    for (const body of [{}, { returnUrl: RETURN_URL, challenge: 'short' }, { returnUrl: RETURN_URL, challenge: verifierPair().challenge, extra: 1 }, 'x'.repeat(70_000)]) {
      const answer = await postJson(`${byRef.url}/api/sso/start`, body);
      expect([400, 413]).toContain(answer.status);
    }
    for (const body of [{}, { handle: '../..', code: 'x', verifier: 'y' }, null]) {
      expect((await postJson(`${byRef.url}/api/sso/finish`, body)).status).toBe(400);
    }
    for (const query of ['', '?state=', '?code=x&state=' + 'y'.repeat(5000), '?state=%ZZ', '?error=access_denied', '?state[]=1&state[]=2']) {
      const answer = await fetch(`${byRef.url}/api/sso/callback${query}`, { redirect: 'manual' });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'");
    }
    expect((await fetch(`${byRef.url}/health`)).status).toBe(200);
  });

  it('an address starting sign-ins as fast as it can is refused after 30 a minute; nothing grows without bound', async () => {
    const server = await startSyncServerProcess({ args: ['--oidc-issuer', idp.issuer, '--oidc-client-id', idp.clientId], env: { LEDE_OIDC_CLIENT_SECRET: idp.clientSecret } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 35; i++) statuses.push((await postJson(`${server.url}/api/sso/start`, { returnUrl: RETURN_URL, challenge: verifierPair().challenge })).status);
      expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
      expect(server.output()).toContain('too many sign-ins started from one address');
    } finally {
      await server.stop();
    }
  });
});
