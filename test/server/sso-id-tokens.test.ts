import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browse } from '../helpers/oidc-provider';
import { postJson, verifierPair } from '../helpers/sso';
import { startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';

/**
 * A provider that signs its own ID tokens (jose) and serves its keys from a
 * JWKS endpoint, so each test can make it send one kind of bad token. The
 * sync server talks to it with openid-client exactly as to a real one.
 */
type Mode = 'good' | 'wrong-audience' | 'expired' | 'alg-none' | 'other-issuer' | 'unknown-key' | 'forged-signature' | 'wrong-nonce';

const CLIENT_ID = 'lede-sync';
const RETURN_URL = 'http://127.0.0.1:9/sso/done';
let mode: Mode = 'good';
let issuer = '';
let idp: http.Server;
let server: SyncServerProcess;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
const codes = new Map<string, { nonce: string }>();

async function idToken(nonce: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'person-1', nonce, email: 'p1@newsroom.example', email_verified: true };
  if (mode === 'alg-none') return new UnsecuredJWT(claims).setIssuer(issuer).setAudience(CLIENT_ID).setIssuedAt(now).setExpirationTime(now + 300).encode();
  return new SignJWT({ ...claims, nonce: mode === 'wrong-nonce' ? 'another-nonce' : nonce })
    .setProtectedHeader({ alg: 'RS256', kid: mode === 'unknown-key' ? 'stranger' : 'main' })
    .setIssuer(mode === 'other-issuer' ? 'https://other-provider.example' : issuer)
    .setAudience(mode === 'wrong-audience' ? 'another-client' : CLIENT_ID)
    .setIssuedAt(mode === 'expired' ? now - 3600 : now)
    .setExpirationTime(mode === 'expired' ? now - 1800 : now + 300)
    .sign(mode === 'unknown-key' || mode === 'forged-signature' ? strangerKey : signingKey);
}

beforeAll(async () => {
  const main = await generateKeyPair('RS256');
  signingKey = main.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(main.publicKey)), kid: 'main', alg: 'RS256', use: 'sig' };
  idp = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const json = (body: unknown) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json({ keys: [jwk] });
    if (url.pathname === '/auth') {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { nonce: url.searchParams.get('nonce') ?? '' });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return response.writeHead(302, { Location: back.href }).end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const grant = codes.get(new URLSearchParams(body).get('code') ?? '');
        if (!grant) return response.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
        void idToken(grant.nonce).then((id_token) => json({ access_token: 'opaque-access-token', token_type: 'Bearer', expires_in: 300, id_token }));
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  server = await startSyncServerProcess({ args: ['--oidc-issuer', issuer, '--oidc-client-id', CLIENT_ID], env: { LEDE_OIDC_CLIENT_SECRET: 'test-secret' } });
  await server.addUser('Person One', 'editor');
  await server.cli(['user', 'link', 'Person One', '--oidc-issuer', issuer, '--sub', 'person-1']);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  idp?.closeAllConnections();
  await new Promise((resolve) => idp?.close(resolve));
});

async function signIn() {
  const pair = verifierPair();
  const started = await postJson(`${server.url}/api/sso/start`, { returnUrl: RETURN_URL, challenge: pair.challenge });
  const back = await browse(started.json.authorizationUrl as string, 'person-1', RETURN_URL);
  return { back, ...pair, handle: started.json.handle as string };
}

describe('ID tokens the server refuses', () => {
  it('a good token signs the person in (the harness itself works)', async () => {
    mode = 'good';
    const { back, handle, verifier } = await signIn();
    const finished = await postJson(`${server.url}/api/sso/finish`, { handle, code: back.searchParams.get('code'), verifier });
    expect(finished.status).toBe(200);
  });

  it.each<[Mode, RegExp]>([
    ['wrong-audience', /"aud" \(audience\)/],
    ['expired', /"exp" \(expiration time\)/],
    ['alg-none', /"alg" header/],
    ['other-issuer', /"iss" \(issuer\)/],
    ['unknown-key', /no applicable keys/],
    // The right key id, another key: only checking the signature catches it.
    ['forged-signature', /signature/],
    ['wrong-nonce', /"nonce"/],
  ])('%s: refused with a clear error, logged, no code given', async (bad, detail) => {
    mode = bad;
    const before = server.output().length;
    const { back } = await signIn();
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('sso_refused');
    const description = back.searchParams.get('error_description')!;
    expect(description).toMatch(/answer Lede cannot trust/);
    expect(description).toMatch(detail);
    expect(server.output().slice(before)).toContain('the provider’s answer was refused');
  });
});
