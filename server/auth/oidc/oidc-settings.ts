import fs from 'node:fs';
import path from 'node:path';
import { ACCOUNT_ROLES, isAccountRole, type AccountRole } from '../../../shared/accounts/roles';
import { deskNameProblem } from '../../../shared/accounts/desks';

/** How the server trusts the newsroom's OpenID Connect provider (`--oidc-*`, ADR 0058). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Which claim of the ID token names the account: `sub` (default), or `email` when the provider says it is verified. */
  match: 'sub' | 'email';
  /** A person no account is tied to: refused (default), or given a new account with the default role and desk. */
  unknown: 'refuse' | 'provision';
  defaultRole: AccountRole;
  defaultDesk: string | null;
  /** The server's address as browsers reach it (behind a proxy); default: the address it listens on. */
  publicUrl: string | null;
}

export const OIDC_FLAGS = [
  '--oidc-issuer',
  '--oidc-client-id',
  '--oidc-client-secret-file',
  '--oidc-match',
  '--oidc-unknown',
  '--oidc-default-role',
  '--oidc-default-desk',
  '--public-url',
];

export const OIDC_USAGE = `  --oidc-issuer URL --oidc-client-id ID   sign people in with the newsroom's OpenID Connect provider
  --oidc-client-secret-file FILE          the client secret (or LEDE_OIDC_CLIENT_SECRET)
  --oidc-match sub|email                  which ID token claim names an account (default sub; email only when verified)
  --oidc-unknown refuse|provision         a person with no account: refused (default) or given one
  --oidc-default-role ROLE --oidc-default-desk DESK   what a provisioned account gets (default role reporter, no desk)
  --public-url URL                        this server's address as browsers reach it (behind a reverse proxy)`;

/**
 * The `--oidc-*` flags, or null when none is given. `secretFromEnv` is
 * LEDE_OIDC_CLIENT_SECRET: a secret on the command line would show in `ps`.
 */
export function parseOidcSettings(flags: Map<string, string>, cwd: string, secretFromEnv: string | undefined): OidcSettings | null {
  const given = OIDC_FLAGS.filter((flag) => flags.has(flag));
  if (given.length === 0) return null;
  const issuer = flags.get('--oidc-issuer');
  const clientId = flags.get('--oidc-client-id');
  if (!issuer || !clientId) throw new Error('Single sign-on needs both --oidc-issuer URL and --oidc-client-id ID.');
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw new Error(`--oidc-issuer "${issuer}" is not an address.`);
  }
  // Plain http only to this machine (test providers); a real provider's keys and tokens travel over TLS.
  if (issuerUrl.protocol !== 'https:' && !(issuerUrl.protocol === 'http:' && isLoopbackHost(issuerUrl.hostname))) {
    throw new Error('--oidc-issuer must be an https:// address.');
  }
  const secretFile = flags.get('--oidc-client-secret-file');
  let clientSecret = secretFromEnv ?? '';
  if (secretFile) {
    try {
      clientSecret = fs.readFileSync(path.resolve(cwd, secretFile), 'utf8').trim();
    } catch (error) {
      throw new Error(`Cannot read --oidc-client-secret-file: ${(error as Error).message}`);
    }
  }
  if (!clientSecret) throw new Error('Single sign-on needs the client secret: --oidc-client-secret-file FILE, or LEDE_OIDC_CLIENT_SECRET.');
  const match = flags.get('--oidc-match') ?? 'sub';
  if (match !== 'sub' && match !== 'email') throw new Error('--oidc-match is sub or email.');
  const unknown = flags.get('--oidc-unknown') ?? 'refuse';
  if (unknown !== 'refuse' && unknown !== 'provision') throw new Error('--oidc-unknown is refuse or provision.');
  const defaultRole = flags.get('--oidc-default-role') ?? 'reporter';
  if (!isAccountRole(defaultRole)) throw new Error(`--oidc-default-role is one of ${ACCOUNT_ROLES.join(', ')}.`);
  const defaultDesk = flags.get('--oidc-default-desk')?.trim() ?? null;
  if (defaultDesk !== null) {
    const problem = deskNameProblem(defaultDesk);
    if (problem) throw new Error(`--oidc-default-desk: ${problem}`);
  }
  const publicUrl = flags.get('--public-url') ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^/]+/.test(publicUrl)) throw new Error('--public-url must be an http(s):// address.');
  return { issuer, clientId, clientSecret, match, unknown, defaultRole, defaultDesk, publicUrl: publicUrl?.replace(/\/+$/, '') ?? null };
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
