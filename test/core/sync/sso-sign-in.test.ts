import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, openTestCore } from '../../helpers/core';
import { browse, startTestOidcProvider, type TestOidcProvider } from '../../helpers/oidc-provider';
import { addParagraph, closeAfterEach, hasStory, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../../helpers/sync-server-process';

const { clients } = closeAfterEach();
let idp: TestOidcProvider;
let server: SyncServerProcess;

beforeAll(async () => {
  idp = await startTestOidcProvider();
  server = await startSyncServerProcess({ args: ['--oidc-issuer', idp.issuer, '--oidc-client-id', idp.clientId], env: { LEDE_OIDC_CLIENT_SECRET: idp.clientSecret } });
  idp.configure({ redirectUris: [`${server.url}/api/sso/callback`], people: { rconnor: { name: 'Richard Connor' }, stranger: { name: 'A Stranger' } } });
  await server.addUser('Richard Connor', 'editor');
  await server.cli(['user', 'link', 'Richard Connor', '--oidc-issuer', idp.issuer, '--sub', 'rconnor']);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

/** Core's loopback listener (Electron): the one address under /sso/ (the server's callback is /api/sso/callback). */
const atCoreListener = (url: URL) => url.hostname === '127.0.0.1' && url.pathname.startsWith('/sso/');

function workstation(name: string): SyncedClient {
  const core = openTestCore();
  const opened = { core, client: connect(core), name };
  clients.push(opened);
  return opened;
}

describe('a workstation signing in with the newsroom account', () => {
  it('through core’s loopback listener (Electron) and through a returned code (web shell), then syncing a story between them', async () => {
    const a = workstation('A');
    await a.client.call('profile.set', { name: 'Somebody', role: 'editor' });
    expect(await a.client.call('sync.ssoAvailable', { serverUrl: server.url })).toEqual({ available: true });

    // A: no return address given, so core listens; the browser is sent back there.
    const { authorizationUrl } = await a.client.call('sync.ssoStart', { serverUrl: server.url });
    const finishing = a.client.session.invoke('sync.ssoFinish', {});
    const loopbackBack = await browse(authorizationUrl, 'rconnor', atCoreListener);
    const page = await fetch(loopbackBack);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You can close this tab');
    const signedIn = await finishing;
    expect(signedIn.ok).toBe(true);
    expect(a.core.internals.sync.status().account).toMatchObject({ name: 'Richard Connor', role: 'editor' });

    // B: the web shell's way: its own return page hands the code to core.
    const b = workstation('B');
    await b.client.call('profile.set', { name: 'Somebody else', role: 'editor' });
    const returnUrl = 'http://127.0.0.1:9/sso/return';
    const started = await b.client.call('sync.ssoStart', { serverUrl: server.url, returnUrl });
    const back = await browse(started.authorizationUrl, 'rconnor', returnUrl);
    await b.client.call('sync.ssoFinish', { code: back.searchParams.get('code')! });
    expect(b.core.internals.sync.status().account?.name).toBe('Richard Connor');

    const { id } = await a.client.call('article.create', {});
    await addParagraph(a.client, id, 'The council votes on the budget tonight.');
    await waitSynced(a);
    await waitUntil(() => hasStory(b.core, id) && storyContent(b.core, id).text.includes('budget tonight'), 'the story on B');
    expect(storyContent(b.core, id)).toEqual(storyContent(a.core, id));
  });

  it('starting again (the person closed the browser) cancels the first sign-in; the second completes', async () => {
    const d = workstation('D');
    await d.client.call('sync.ssoStart', { serverUrl: server.url });
    const abandoned = d.client.session.invoke('sync.ssoFinish', {});
    const { authorizationUrl } = await d.client.call('sync.ssoStart', { serverUrl: server.url });
    expect(await abandoned).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'The sign-in was cancelled.' } });
    const finishing = d.client.session.invoke('sync.ssoFinish', {});
    await fetch(await browse(authorizationUrl, 'rconnor', atCoreListener));
    expect(await finishing).toMatchObject({ ok: true });
    expect(d.core.internals.sync.status().account?.name).toBe('Richard Connor');
  });

  it('refusals reach the person: an unknown person, a finish with nothing started, a return address off this computer', async () => {
    const c = workstation('C');
    const { authorizationUrl } = await c.client.call('sync.ssoStart', { serverUrl: server.url });
    const finishing = c.client.session.invoke('sync.ssoFinish', {});
    // The server sends the browser back with its refusal instead of a code.
    const back = await browse(authorizationUrl, 'stranger', atCoreListener);
    expect(back.searchParams.get('error')).toBe('sso_refused');
    await fetch(back);
    const refused = await finishing;
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(!refused.ok && refused.error.message).toMatch(/no Lede account is tied to you/);
    expect(c.core.internals.sync.status().state).toBe('signed_out');

    const nothing = await c.client.session.invoke('sync.ssoFinish', { code: 'A'.repeat(43) });
    expect(nothing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const offMachine = await c.client.session.invoke('sync.ssoStart', { serverUrl: server.url, returnUrl: 'https://evil.example/x' });
    expect(offMachine).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
