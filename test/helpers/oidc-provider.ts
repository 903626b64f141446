import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Who the test provider knows, by login: the claims its ID tokens carry. */
export type TestPeople = Record<string, { email?: string; email_verified?: boolean; name?: string }>;

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Builds the provider once the sync servers' callback addresses are known (they listen after the provider). */
  configure(options: { redirectUris: string[]; people: TestPeople }): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, the certified Node
 * implementation) on 127.0.0.1 with one confidential test client. Its
 * development login screen accepts any password for a known login; tests
 * drive it with `browse` as a person's browser would.
 */
export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  let provider: Provider | null = null;
  const server = http.createServer((request, response) => {
    if (!provider) {
      response.writeHead(503).end();
      return;
    }
    provider.callback()(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'lede-sync';
  const clientSecret = 'a-test-client-secret-of-enough-length-0123456789';
  return {
    issuer,
    clientId,
    clientSecret,
    configure({ redirectUris, people }) {
      provider = new Provider(issuer, {
        clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, response_types: ['code'], grant_types: ['authorization_code'] }],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        // The ID token carries the person's claims (what the sync server reads).
        conformIdTokenClaims: false,
        async findAccount(_ctx, id) {
          const person = people[id];
          if (!person) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...person }) };
        },
        cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
        // Stated, so the provider does not warn about its defaults on every sign-in.
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A person's browser, scripted: follows redirects (keeping each site's
 * cookies), answers the provider's login and consent screens as `login`,
 * and stops at the first address on `stopAt`'s origin (the workstation's
 * loopback return address) or that `stopAt` accepts, which it returns
 * without requesting.
 */
export async function browse(start: string, login: string, stopAt: string | ((url: URL) => boolean)): Promise<URL> {
  const stopOrigin = typeof stopAt === 'string' ? new URL(stopAt).origin : null;
  const stops = (candidate: URL) => (stopOrigin ? candidate.origin === stopOrigin : (stopAt as (url: URL) => boolean)(candidate));
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(start);
  let form: URLSearchParams | null = null;
  for (let step = 0; step < 20; step++) {
    if (stops(url)) return url;
    const cookies = jar.get(url.origin) ?? new Map<string, string>();
    const response: Response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form ?? undefined,
      redirect: 'manual',
      headers: cookies.size ? { Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {},
      signal: AbortSignal.timeout(10_000),
    });
    form = null;
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    jar.set(url.origin, cookies);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      url = new URL(location, url);
      continue;
    }
    const html = await response.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    if (response.status !== 200 || !prompt) throw new Error(`the browser stopped at ${url.origin}${url.pathname} (${response.status}): ${html.slice(0, 300)}`);
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the browser followed too many redirects');
}
