import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { LedeError } from '../../../shared/errors';
import { loopbackUrlProblem } from '../../../shared/net/loopback-url';
import type { SyncStatus } from '../../../shared/sync-status';
import type { Logger } from '../log';
import { SyncApiError, SyncServerApi } from './server-api';
import { SsoLoopback, type SsoReturn } from './sso-loopback';

interface PendingSignIn {
  serverUrl: string;
  handle: string;
  verifier: string;
  /** Electron: the listener the system browser comes back to; the web shell's tab comes back to its own page instead. */
  loopback: SsoLoopback | null;
}

/**
 * Single sign-on from the workstation's side (ADR 0058). The sync server
 * does the OpenID Connect part; here a sign-in is: ask the server for the
 * provider's URL (sending only the challenge of a verifier kept in memory),
 * let the browser go there and come back to a loopback address with a
 * one-time code, then trade code + handle + verifier for an account token
 * and sign in with it as with a token typed in. One sign-in at a time: a
 * new one replaces the last.
 */
export class SsoSignIn {
  private pending: PendingSignIn | null = null;

  constructor(
    private readonly deps: {
      /** The address as sync uses it (normalized, cleartext refused). */
      usableServerUrl(serverUrl: string): string;
      signIn(serverUrl: string, token: string): Promise<SyncStatus>;
      log: Logger;
    },
  ) {}

  async available(serverUrl: string): Promise<boolean> {
    try {
      return (await new SyncServerApi(this.deps.usableServerUrl(serverUrl), null).ssoInfo()).enabled;
    } catch {
      // No server there, an older one, or an address sync refuses: the token field is the way in (and says what is wrong).
      return false;
    }
  }

  /** The provider's address for the browser. Without `returnUrl` (Electron) core listens on 127.0.0.1 for the browser's return. */
  async start(serverUrl: string, returnUrl?: string): Promise<{ authorizationUrl: string }> {
    const url = this.deps.usableServerUrl(serverUrl);
    if (returnUrl !== undefined) {
      const problem = loopbackUrlProblem(returnUrl);
      if (problem) throw new LedeError('invalid_payload', `The sign-in's return address ${problem}.`);
    }
    this.cancel();
    const loopback = returnUrl === undefined ? await SsoLoopback.listen() : null;
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    try {
      const started = await new SyncServerApi(url, null).ssoStart({ returnUrl: returnUrl ?? loopback!.returnUrl, challenge, device: deviceName() });
      this.pending = { serverUrl: url, handle: started.handle, verifier, loopback };
      this.deps.log.info('sync: single sign-on started', { server: url, loopback: loopback !== null });
      return { authorizationUrl: started.authorizationUrl };
    } catch (error) {
      loopback?.close();
      throw asLedeError(error, url);
    }
  }

  /**
   * Completes the sign-in: with the code the web shell's page brought back,
   * or (Electron) once the browser reaches core's loopback listener.
   */
  async finish(code?: string): Promise<SyncStatus> {
    const pending = this.pending;
    if (!pending) throw new LedeError('not_found', 'No sign-in is in progress on this computer. Start it again.');
    let back: SsoReturn;
    if (code !== undefined) {
      back = { code };
    } else if (pending.loopback) {
      try {
        back = await pending.loopback.next();
      } catch (error) {
        if (this.pending === pending) this.pending = null;
        throw new LedeError('unauthorized', (error as Error).message);
      }
    } else {
      throw new LedeError('invalid_payload', 'This sign-in comes back to the browser tab: give the code it brought.');
    }
    // Used once, whatever happens next.
    if (this.pending === pending) this.pending = null;
    pending.loopback?.close();
    if ('error' in back) {
      this.deps.log.warn('sync: single sign-on refused', { error: back.error });
      throw new LedeError('unauthorized', back.description);
    }
    let token: string;
    try {
      token = await new SyncServerApi(pending.serverUrl, null).ssoFinish({ handle: pending.handle, code: back.code, verifier: pending.verifier });
    } catch (error) {
      throw asLedeError(error, pending.serverUrl);
    }
    this.deps.log.info('sync: single sign-on gave a token', { server: pending.serverUrl });
    return this.deps.signIn(pending.serverUrl, token);
  }

  cancel(): void {
    this.pending?.loopback?.close();
    this.pending = null;
  }
}

function asLedeError(error: unknown, url: string): LedeError {
  if (error instanceof LedeError) return error;
  if (error instanceof SyncApiError) {
    if (error.failure === 'network') return new LedeError('unreachable', `Lede could not reach a sync server at ${url}: ${error.message}.`);
    if (error.failure === 'unauthorized') return new LedeError('unauthorized', error.message);
    if (error.status === 404) return new LedeError('not_found', `The sync server at ${url} does not offer single sign-on. Sign in with an access token.`);
    return new LedeError(error.status === 400 ? 'invalid_payload' : 'unreachable', error.message);
  }
  return new LedeError('internal', (error as Error).message);
}

/** Names the token on the server's side, so IT can tell a person's devices apart. */
function deviceName(): string {
  return os.hostname().replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100) || 'a workstation';
}
