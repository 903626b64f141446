import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { loopbackUrlProblem } from '../../../shared/net/loopback-url';
import type { SsoStartRequest, SsoStartResult } from '../../../shared/sso-protocol';
import type { ServerLog } from '../../log';
import { NotFoundError, UserExistsError, type Identity, type ServerStore, type UserRow } from '../../storage/server-store';
import { hashToken, newToken } from '../tokens';
import { isLoopbackHost, type OidcSettings } from './oidc-settings';
import { BoundedPending } from './bounded-pending';

/** A sign-in refused for a reason the person (or IT) can act on; `reason` is the short word the server log gives. */
export class SsoRefusal extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'SsoRefusal';
  }
}

/** Where the browser goes next: back to the workstation with a code or an error, or (no sign-in to return to) an error page. */
export type CallbackOutcome = { kind: 'redirect'; location: string } | { kind: 'page'; status: number; message: string };

interface PendingSignIn {
  handle: string;
  challenge: string;
  returnUrl: string;
  device: string;
  pkceVerifier: string;
  nonce: string;
}

interface SignedInCode {
  handle: string;
  challenge: string;
  userId: string;
  account: string;
  device: string;
}

export interface SsoLimits {
  /** Sign-ins started and not yet back from the provider, across every client. */
  maxPending: number;
  /** How long a started sign-in waits for the provider (the person typing a password). */
  pendingMs: number;
  /** How long the one-time code waits for the workstation. */
  codeMs: number;
  /** Sign-ins one address may start per minute. */
  startsPerMinute: number;
}

export const DEFAULT_SSO_LIMITS: SsoLimits = { maxPending: 1000, pendingMs: 10 * 60_000, codeMs: 2 * 60_000, startsPerMinute: 30 };

const TOKEN_LABEL_PREFIX = 'sso: ';

/**
 * Single sign-on with the newsroom's OpenID Connect provider (ADR 0058). The
 * server is the OIDC client (openid-client: authorization code flow with
 * PKCE, state and nonce; the ID token's issuer, audience, expiry and
 * signature checked, `alg: none` refused). A person the provider vouches for
 * is mapped to an account by `sub` or verified email; the workstation gets
 * an ordinary account token only by redeeming a one-time code together with
 * the sign-in's handle and the verifier behind its challenge, so the
 * redirect URL alone is worth nothing.
 */
export class SsoService {
  private configuration: Promise<oidc.Configuration> | null = null;
  private readonly pending: BoundedPending<PendingSignIn>;
  private readonly codes: BoundedPending<SignedInCode>;
  private readonly starts: RateLimiterMemory;

  constructor(
    private readonly settings: OidcSettings,
    private readonly store: ServerStore,
    private readonly log: ServerLog,
    /** The server's own callback address (`<public URL>/api/sso/callback`), known once it listens. */
    private readonly callbackUrl: () => string,
    private readonly limits: SsoLimits = DEFAULT_SSO_LIMITS,
  ) {
    this.pending = new BoundedPending(limits.maxPending, limits.pendingMs);
    this.codes = new BoundedPending(limits.maxPending, limits.codeMs);
    this.starts = new RateLimiterMemory({ keyPrefix: 'sso-starts', points: limits.startsPerMinute, duration: 60 });
  }

  get issuer(): string {
    return this.settings.issuer;
  }

  /** Starts a sign-in for a workstation: the provider's URL to open, and the handle only it holds. */
  async start(request: SsoStartRequest, address: string): Promise<SsoStartResult> {
    const problem = loopbackUrlProblem(request.returnUrl);
    if (problem) {
      this.log.warn('sso: refused a sign-in with a return address off this computer', { address, problem });
      throw new SsoRefusal(`The return address ${problem}: Lede only sends a sign-in back to http://127.0.0.1:<port>/… (RFC 8252).`, 'return_url');
    }
    try {
      await this.starts.consume(address);
    } catch {
      this.log.warn('sso: too many sign-ins started from one address', { address });
      throw new SsoRefusal('Too many sign-ins were started from this address. Try again in a minute.', 'rate_limited');
    }
    const config = await this.provider();
    const pkceVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const handle = randomValue();
    const added = this.pending.add(state, {
      handle,
      challenge: request.challenge,
      returnUrl: request.returnUrl,
      device: request.device ?? 'a workstation',
      pkceVerifier,
      nonce,
    });
    if (!added) {
      this.log.warn('sso: refused a sign-in: as many are in progress as allowed', { max: this.limits.maxPending });
      throw new SsoRefusal('Too many sign-ins are in progress on the server. Try again in a few minutes.', 'busy');
    }
    const authorizationUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.callbackUrl(),
      // profile and email: a provisioned account's name, and the email that --oidc-match email reads.
      scope: 'openid profile email',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pkceVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    this.log.info('sso: sign-in started', { address });
    return { authorizationUrl: authorizationUrl.href, handle };
  }

  /**
   * The provider sent the browser back. The state names the sign-in (one
   * use); openid-client exchanges the code and validates the ID token; the
   * person is mapped to an account; the browser goes back to the
   * workstation's loopback address with a one-time code, or with the error.
   */
  async callback(currentUrl: URL): Promise<CallbackOutcome> {
    const state = currentUrl.searchParams.get('state');
    const signIn = state && state.length <= 200 ? this.pending.take(state) : null;
    if (!signIn) {
      this.log.warn('sso: a callback for no sign-in in progress (state unknown, used or expired)', { hasState: Boolean(state) });
      return {
        kind: 'page',
        status: 400,
        message: 'This sign-in is not in progress any more: it was used already, took too long, or was not started by Lede. Start it again from Lede.',
      };
    }
    const back = (params: Record<string, string>) => {
      const url = new URL(signIn.returnUrl);
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      return { kind: 'redirect' as const, location: url.href };
    };
    try {
      const providerError = currentUrl.searchParams.get('error');
      if (providerError) {
        throw new SsoRefusal(`The newsroom’s sign-in service did not sign you in (${providerError.slice(0, 100)}).`, 'provider_error');
      }
      const user = await this.personFrom(await this.exchange(currentUrl, state!, signIn));
      const code = randomValue();
      if (!this.codes.add(code, { handle: signIn.handle, challenge: signIn.challenge, userId: user.id, account: user.name, device: signIn.device })) {
        throw new SsoRefusal('Too many sign-ins are in progress on the server. Try again in a few minutes.', 'busy');
      }
      this.log.info('sso: person signed in with the provider', { account: user.name });
      return back({ code });
    } catch (error) {
      if (error instanceof SsoRefusal) {
        this.log.warn('sso: sign-in refused', { reason: error.reason, message: error.message });
        return back({ error: 'sso_refused', error_description: error.message });
      }
      this.log.error('sso: sign-in failed', { error });
      return back({ error: 'sso_failed', error_description: 'The sync server could not complete the sign-in. Try again; if it keeps failing, tell newsroom IT.' });
    }
  }

  /**
   * The workstation redeems the code with its handle and verifier, once: a
   * wrong verifier uses the code up too, so a leaked redirect URL cannot be
   * tried again. The account gets a new token of its own for this device.
   */
  async finish(input: { handle: string; code: string; verifier: string }): Promise<{ token: string; account: string }> {
    const signedIn = this.codes.take(input.code);
    if (!signedIn) throw new SsoRefusal('This sign-in code is unknown, expired or was already used. Sign in again.', 'unknown_code');
    if (!sameText(signedIn.handle, input.handle) || !sameText(signedIn.challenge, challengeOf(input.verifier))) {
      throw new SsoRefusal('This sign-in code belongs to another sign-in (wrong handle or verifier). Sign in again.', 'wrong_verifier');
    }
    // Revoked between the provider and now: refused like any revoked account.
    if (!(await this.store.activeAccounts([signedIn.userId])).has(signedIn.userId)) throw new SsoRefusal('Your Lede account was revoked. Ask newsroom IT.', 'revoked');
    const token = newToken();
    await this.store.addAccountToken({ userId: signedIn.userId, tokenHash: hashToken(token), label: `${TOKEN_LABEL_PREFIX}${signedIn.device}`, createdMs: Date.now() });
    this.log.info('sso: token issued', { account: signedIn.account, device: signedIn.device });
    return { token, account: signedIn.account };
  }

  /** Sign-ins waiting for the provider or the workstation (tests of the bound). */
  inProgress(): number {
    return this.pending.size + this.codes.size;
  }

  private async exchange(currentUrl: URL, state: string, signIn: PendingSignIn): Promise<oidc.IDToken> {
    const config = await this.provider();
    // openid-client compares redirect_uri with the callback address it was sent to: give it the public one.
    const url = new URL(this.callbackUrl());
    url.search = currentUrl.search;
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: signIn.pkceVerifier,
        expectedState: state,
        expectedNonce: signIn.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      const detail = innermostMessage(error);
      this.log.warn('sso: the provider’s answer was refused', { code, error: detail });
      throw new SsoRefusal(`The newsroom’s sign-in service sent an answer Lede cannot trust: ${detail}.`, `token_${code}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new SsoRefusal('The newsroom’s sign-in service sent no ID token.', 'no_id_token');
    // Some providers put email and name only in userinfo; what the signed ID token says wins.
    if (claims.email === undefined && tokens.access_token) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        return { ...info, ...claims };
      } catch (error) {
        this.log.warn('sso: could not read userinfo; going on with the ID token alone', { error: (error as Error).message });
      }
    }
    return claims;
  }

  /** The account this person is, by the configured claim; made for them when provisioning is on. */
  private async personFrom(claims: oidc.IDToken): Promise<UserRow> {
    const subject = this.subjectOf(claims);
    const identity: Identity = { issuer: this.settings.issuer, claim: this.settings.match, subject };
    const known = await this.store.userByIdentity(identity);
    // A revoked account stays revoked: it is neither let in nor made again.
    if (known?.revokedMs != null) throw new SsoRefusal('Your Lede account was revoked. Ask newsroom IT.', 'revoked');
    if (known) return known;
    if (this.settings.unknown === 'refuse') {
      throw new SsoRefusal('The newsroom’s sign-in service knows you, but no Lede account is tied to you. Ask newsroom IT to add one.', 'unknown_person');
    }
    return this.provision(claims, identity);
  }

  private subjectOf(claims: oidc.IDToken): string {
    if (this.settings.match === 'sub') return claims.sub;
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims.email_verified !== true) {
      throw new SsoRefusal('The newsroom’s sign-in service did not vouch for your email address, which names your Lede account here.', 'unverified_email');
    }
    return email;
  }

  private async provision(claims: oidc.IDToken, identity: Identity): Promise<UserRow> {
    const base = displayName(claims);
    const now = Date.now();
    const desk = this.settings.defaultDesk;
    if (desk && !(await this.store.listDesks()).some((row) => row.name === desk)) {
      this.log.error('sso: cannot provision: the default desk does not exist', { desk });
      throw new SsoRefusal(`Lede cannot make your account: the desk "${desk}" does not exist. Tell newsroom IT.`, 'no_desk');
    }
    // Names are unique among active accounts: a namesake gets "(2)", "(3)"…
    for (let attempt = 1; attempt <= 20; attempt++) {
      const name = attempt === 1 ? base : `${base} (${attempt})`;
      try {
        await this.store.addUser({ id: randomUUID(), name, role: this.settings.defaultRole, tokenHash: hashToken(newToken()), createdMs: now });
      } catch (error) {
        if (error instanceof UserExistsError) continue;
        throw error;
      }
      if (desk) await this.store.addDeskMember(desk, name, now);
      await this.store.linkIdentity(identity, name, now);
      const user = await this.store.userByIdentity(identity);
      if (!user) throw new NotFoundError(`The account "${name}" was made but cannot be read back.`);
      this.log.info('sso: provisioned an account', { account: name, role: this.settings.defaultRole, desk });
      return user;
    }
    throw new SsoRefusal('Lede cannot find a free account name for you. Tell newsroom IT.', 'no_name');
  }

  /** Discovery, once it worked (a provider down at start-up must not stop syncing; the next sign-in tries again). */
  private provider(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
      const config = await oidc.discovery(issuer, this.settings.clientId, undefined, oidc.ClientSecretBasic(this.settings.clientSecret), {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      });
      // The ID token's signature is checked against the provider's keys, not just its claims.
      oidc.enableNonRepudiationChecks(config);
      return config;
    })().catch((error: unknown) => {
      this.configuration = null;
      this.log.error('sso: cannot reach the sign-in provider', { issuer: this.settings.issuer, error });
      throw new SsoRefusal('The sync server cannot reach the newsroom’s sign-in service right now. Try again shortly.', 'provider_unreachable');
    });
    return this.configuration;
  }
}

/** openid-client wraps what failed in general words; the check that failed is in the innermost cause (e.g. the "aud" claim). */
function innermostMessage(error: unknown): string {
  let current = error as Error;
  while (current.cause instanceof Error) current = current.cause;
  return current.message.slice(0, 300);
}

function randomValue(): string {
  return randomBytes(32).toString('base64url');
}

/** base64url(sha256(verifier)): the challenge a verifier answers. */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A provisioned account's name: the person's name as the provider gives it, cleaned and bounded. */
function displayName(claims: oidc.IDToken): string {
  for (const candidate of [claims.name, claims.preferred_username, claims.email]) {
    if (typeof candidate !== 'string') continue;
    const cleaned = candidate.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 90);
    if (cleaned) return cleaned;
  }
  return `Newsroom person ${claims.sub.slice(0, 12)}`;
}
