import { isIP } from 'node:net';
import path from 'node:path';
import { ACCOUNT_ROLES, isAccountRole, type AccountRole } from '../shared/accounts/roles';
import { deskNameProblem } from '../shared/accounts/desks';
import { OIDC_FLAGS, OIDC_USAGE, parseOidcSettings, type OidcSettings } from './auth/oidc/oidc-settings';
import type { Identity } from './storage/server-store';
import { docKindOf } from '../shared/documents/doc-names';
import { articleDocName } from '../shared/documents/article-kind';
import { AUDIT_PAGE_MAX } from '../shared/sync-protocol';
import { parseIsoInstant } from '../shared/time';
import { OUTPUT_FLAGS, OUTPUT_SWITCHES, parseOutputRequest, type OutputRequest } from './publish/output-config';
import { DEFAULT_LIMITS, DEFAULT_PURGE_RETENTION_DAYS, type ServerLimits } from './limits';

export const DEFAULT_SERVER_PORT = 4818;
export const DEFAULT_TRANSMIT_TIMEOUT_MS = 30_000;

export type ServerCommand =
  | {
      kind: 'serve';
      dataDir: string;
      host: string;
      port: number;
      tls?: { certFile: string; keyFile: string };
      maxMediaBytes: number;
      limits: Partial<ServerLimits>;
      oidc?: OidcSettings;
      purgeRetentionDays: number;
      /** Longest one transmission to an output may take before it counts as failed (and is tried again). */
      transmitTimeoutMs: number;
    }
  | { kind: 'output-add'; dataDir: string; request: OutputRequest }
  | { kind: 'output-list'; dataDir: string }
  | { kind: 'output-remove'; dataDir: string; name: string }
  | { kind: 'restore'; dataDir: string; document: string; purgeRetentionDays: number }
  | ({ kind: 'audit'; dataDir: string; limit: number } & ({ by: 'document'; document: string } | { by: 'account'; account: string; sinceMs: number }))
  | { kind: 'user-add'; dataDir: string; name: string; role: AccountRole; desks: string[] }
  | { kind: 'user-set-role'; dataDir: string; name: string; role: AccountRole }
  | { kind: 'user-revoke'; dataDir: string; name: string }
  | { kind: 'user-lost'; dataDir: string; name: string }
  | { kind: 'user-list'; dataDir: string }
  | { kind: 'user-link'; dataDir: string; name: string; identity: Identity }
  | { kind: 'desk-add'; dataDir: string; desk: string }
  | { kind: 'desk-list'; dataDir: string }
  | { kind: 'desk-member-add' | 'desk-member-remove'; dataDir: string; desk: string; name: string };

export const USAGE = `Usage:
  npm run server -- [--data-dir DIR] [--port N] [--host ADDRESS] [--tls-cert FILE --tls-key FILE] [--max-media-mb N]
                    [--trust-proxy ADDRESS,…] [--max-connections-per-address N] [--max-connections-per-account N]
                    [--auth-timeout-s N] [--max-auth-failures N] [--max-frame-mb N] [--max-document-mb N]
                    [--purge-retention-days N] [--max-purges-per-hour N] [--transmit-timeout-s N]
  npm run server -- user add NAME --role ${ACCOUNT_ROLES.join('|')} [--desk DESK]… [--data-dir DIR]
  npm run server -- user set-role NAME [--role] ${ACCOUNT_ROLES.join('|')} [--data-dir DIR]
  npm run server -- user revoke NAME [--data-dir DIR]
  npm run server -- user lost NAME [--data-dir DIR]   (revoke; that computer removes the newsroom's stories when it next connects)
  npm run server -- user list [--data-dir DIR]
  npm run server -- user link NAME --oidc-issuer URL (--sub SUBJECT | --email ADDRESS) [--data-dir DIR]   (single sign-on as this account)
  npm run server -- desk add NAME [--data-dir DIR]
  npm run server -- desk list [--data-dir DIR]
  npm run server -- desk member add|remove DESK USER [--data-dir DIR]
  npm run server -- output add NAME --type http --url URL --secret SECRET [--desk DESK]… [--embargoed-copy] [--data-dir DIR]
  npm run server -- output add NAME --type folder --path DIR [--desk DESK]… [--data-dir DIR]
  npm run server -- output add NAME --type sftp --host H [--port N] --user U (--password P | --key FILE) --host-key SHA256:… --path P [--desk DESK]…
  npm run server -- output add NAME --type ftp --host H [--port N] --user U --password P --path P [--tls require|optional] [--desk DESK]…
  npm run server -- output list [--data-dir DIR]     (secrets are never printed)
  npm run server -- output remove NAME [--data-dir DIR]
  npm run server -- restore DOC [--purge-retention-days N] [--data-dir DIR]   (undo a purge: DOC is article:<uuid> or the bare id)
  npm run server -- audit --document DOC [--limit N] [--data-dir DIR]
  npm run server -- audit --account NAME [--since ISO-DATE] [--limit N] [--data-dir DIR]

  --data-dir DIR   where the server keeps its database and media (default: ./lede-server-data)
  --port N         port (default ${DEFAULT_SERVER_PORT}; 0 picks a free one)
  --host ADDRESS   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --tls-cert/--tls-key  serve https and wss with this certificate (or put a reverse proxy in front)
  --trust-proxy ADDRESS,…  believe X-Forwarded-For only from these proxy addresses (default: none)
  --max-connections-per-address N  open sockets per client address (default ${DEFAULT_LIMITS.maxConnectionsPerAddress})
  --max-connections-per-account N  open sockets per account (default ${DEFAULT_LIMITS.maxConnectionsPerAccount})
  --auth-timeout-s N     close a socket that authenticated nothing after N seconds (default ${DEFAULT_LIMITS.authTimeoutMs / 1000})
  --max-auth-failures N  refused tokens per address per minute before 429 (default ${DEFAULT_LIMITS.authFailures})
  --max-frame-mb N       largest WebSocket frame from an authenticated socket (default ${DEFAULT_LIMITS.maxFrameBytes / 1024 / 1024})
  --max-document-mb N    largest story or photo document; a change past it is refused and its writer told (default ${DEFAULT_LIMITS.maxDocumentBytes / 1024 / 1024}; at most the frame size)
${OIDC_USAGE}
  --purge-retention-days N  days a purged story can be restored; laptops keep it as long (default ${DEFAULT_PURGE_RETENTION_DAYS}; give restore the same value)
  --max-purges-per-hour N   stories one admin account may purge in an hour (default ${DEFAULT_LIMITS.maxPurgesPerHour})
  --transmit-timeout-s N    longest one transmission to an output may take before it is tried again (default ${DEFAULT_TRANSMIT_TIMEOUT_MS / 1000})
Environment:
  DATABASE_URL=postgres://…  use PostgreSQL instead of the embedded SQLite file
  REDIS_URL=redis://…        let several server processes serve the same documents
  REDIS_PREFIX=name          namespace in Redis when it serves more than one newsroom (default lede)
  LEDE_OIDC_CLIENT_SECRET    the OpenID Connect client secret (instead of --oidc-client-secret-file)`;

/** Parses the server's command line; throws an Error whose message says what is wrong, then the usage. */
export function parseServerArgs(argv: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): ServerCommand {
  const positional: string[] = [];
  // Every value of each flag, in order (--desk may be given more than once).
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (![
      '--data-dir', '--port', '--host', '--tls-cert', '--tls-key', '--role', '--desk', '--max-media-mb', '--sub', '--email', '--purge-retention-days', '--transmit-timeout-s',
      ...AUDIT_FLAGS, ...LIMIT_FLAGS, ...OIDC_FLAGS, ...OUTPUT_FLAGS,
    ].includes(flag)) {
      throw new Error(`Unknown option ${flag}.\n\n${USAGE}`);
    }
    const value = OUTPUT_SWITCHES.includes(flag) ? 'yes' : eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new Error(`${flag} needs a value.\n\n${USAGE}`);
    flags.set(flag, [...(flags.get(flag) ?? []), value]);
  }
  const single = new Map<string, string>();
  for (const [flag, values] of flags) {
    if (values.length > 1 && flag !== '--desk') throw new Error(`${flag} is given more than once.\n\n${USAGE}`);
    single.set(flag, values[values.length - 1]!);
  }
  const dataDir = path.resolve(cwd, single.get('--data-dir') ?? 'lede-server-data');
  const allow = (...allowed: string[]) => {
    for (const flag of flags.keys()) if (flag !== '--data-dir' && !allowed.includes(flag)) throw new Error(`${flag} does not apply here.\n\n${USAGE}`);
  };
  // `--role ROLE`, or for set-role also the bare word after the name (`user set-role alice editor`).
  const roleFlag = (command: string, bare?: string): AccountRole => {
    const role = single.get('--role') ?? bare;
    if (role === undefined) throw new Error(`"${command}" needs --role ${ACCOUNT_ROLES.join('|')}.\n\n${USAGE}`);
    if (!isAccountRole(role)) {
      const hint = bare === undefined ? '' : ' (A name with spaces needs quotes.)';
      throw new Error(`"${role}" is not a role: use ${ACCOUNT_ROLES.join(', ')}.${hint}\n\n${USAGE}`);
    }
    return role;
  };

  if (positional[0] === 'user') {
    const [, action, name, ...rest] = positional;
    const bareRole = action === 'set-role' && rest.length === 1 && !single.has('--role') ? rest.shift() : undefined;
    if (rest.length > 0) throw new Error(`Unexpected "${rest.join(' ')}". Quote a name with spaces.\n\n${USAGE}`);
    if (action === 'list') {
      if (name !== undefined) throw new Error(`"user list" takes no name.\n\n${USAGE}`);
      allow();
      return { kind: 'user-list', dataDir };
    }
    if (action !== 'add' && action !== 'set-role' && action !== 'revoke' && action !== 'lost' && action !== 'link') {
      throw new Error(`Unknown user command "${action ?? ''}": use add, set-role, revoke, lost, link or list.\n\n${USAGE}`);
    }
    const trimmed = accountName(name, `user ${action}`);
    if (action === 'link') {
      allow('--oidc-issuer', '--sub', '--email');
      return { kind: 'user-link', dataDir, name: trimmed, identity: identityFlags(single) };
    }
    if (action === 'revoke' || action === 'lost') {
      allow();
      return { kind: action === 'revoke' ? 'user-revoke' : 'user-lost', dataDir, name: trimmed };
    }
    if (action === 'set-role') {
      allow('--role');
      return { kind: 'user-set-role', dataDir, name: trimmed, role: roleFlag('user set-role', bareRole) };
    }
    allow('--role', '--desk');
    const desks = [...new Set((flags.get('--desk') ?? []).map((desk) => deskName(desk)))];
    return { kind: 'user-add', dataDir, name: trimmed, role: roleFlag('user add'), desks };
  }
  if (positional[0] === 'desk') {
    const [, action, ...rest] = positional;
    allow();
    if (action === 'list') {
      if (rest.length > 0) throw new Error(`"desk list" takes no name.\n\n${USAGE}`);
      return { kind: 'desk-list', dataDir };
    }
    if (action === 'add') {
      if (rest.length !== 1) throw new Error(`"desk add" takes one NAME (quote a name with spaces).\n\n${USAGE}`);
      return { kind: 'desk-add', dataDir, desk: deskName(rest[0]!) };
    }
    if (action === 'member') {
      const [change, desk, name, ...more] = rest;
      if ((change !== 'add' && change !== 'remove') || desk === undefined || name === undefined || more.length > 0) {
        throw new Error(`Use "desk member add DESK USER" or "desk member remove DESK USER".\n\n${USAGE}`);
      }
      return { kind: change === 'add' ? 'desk-member-add' : 'desk-member-remove', dataDir, desk: deskName(desk), name: accountName(name, `desk member ${change}`) };
    }
    throw new Error(`Unknown desk command "${action ?? ''}": use add, list or member.\n\n${USAGE}`);
  }
  if (positional[0] === 'output') {
    const [, action, ...rest] = positional;
    if (action === 'list') {
      allow();
      if (rest.length > 0) throw new Error(`"output list" takes no name.\n\n${USAGE}`);
      return { kind: 'output-list', dataDir };
    }
    if (action === 'remove') {
      allow();
      if (rest.length !== 1) throw new Error(`"output remove" takes one NAME.\n\n${USAGE}`);
      return { kind: 'output-remove', dataDir, name: rest[0]! };
    }
    if (action === 'add') {
      allow(...OUTPUT_FLAGS, '--desk');
      if (rest.length !== 1) throw new Error(`"output add" takes one NAME, then its options.\n\n${USAGE}`);
      const desks = [...new Set((flags.get('--desk') ?? []).map((desk) => deskName(desk)))];
      const outputFlags = new Map([...single].filter(([flag]) => flag !== '--data-dir' && flag !== '--desk'));
      return { kind: 'output-add', dataDir, request: parseOutputRequest(rest[0]!, outputFlags, desks, cwd, USAGE) };
    }
    throw new Error(`Unknown output command "${action ?? ''}": use add, list or remove.\n\n${USAGE}`);
  }
  if (positional[0] === 'restore') {
    allow('--purge-retention-days');
    if (positional.length !== 2) throw new Error(`"restore" takes one DOC (article:<uuid> or the bare id).\n\n${USAGE}`);
    return { kind: 'restore', dataDir, document: documentName(positional[1]!), purgeRetentionDays: retentionDays(single) };
  }
  if (positional[0] === 'audit') {
    allow(...AUDIT_FLAGS);
    if (positional.length !== 1) throw new Error(`"audit" takes --document DOC or --account NAME, no other words.\n\n${USAGE}`);
    const limitRaw = single.get('--limit') ?? '50';
    const limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX) throw new Error(`--limit must be a whole number from 1 to ${AUDIT_PAGE_MAX}.`);
    const document = single.get('--document');
    const account = single.get('--account');
    if ((document === undefined) === (account === undefined)) throw new Error(`"audit" needs one of --document DOC or --account NAME.\n\n${USAGE}`);
    if (document !== undefined) {
      if (single.has('--since')) throw new Error(`--since goes with --account.\n\n${USAGE}`);
      return { kind: 'audit', dataDir, limit, by: 'document', document: documentName(document) };
    }
    const since = single.get('--since');
    const sinceMs = since === undefined ? 0 : isoTime(since);
    return { kind: 'audit', dataDir, limit, by: 'account', account: accountName(account, 'audit --account'), sinceMs };
  }
  if (positional.length > 0) throw new Error(`Unknown command "${positional[0]}".\n\n${USAGE}`);

  allow('--port', '--host', '--tls-cert', '--tls-key', '--max-media-mb', '--purge-retention-days', '--transmit-timeout-s', ...LIMIT_FLAGS, ...OIDC_FLAGS);
  const timeoutRaw = single.get('--transmit-timeout-s');
  const transmitTimeoutS = timeoutRaw === undefined ? DEFAULT_TRANSMIT_TIMEOUT_MS / 1000 : Number(timeoutRaw);
  if (!Number.isInteger(transmitTimeoutS) || transmitTimeoutS < 1 || transmitTimeoutS > 3600) throw new Error(`--transmit-timeout-s must be a whole number of seconds from 1 to 3600.\n\n${USAGE}`);
  const port = Number(single.get('--port') ?? DEFAULT_SERVER_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535.\n\n${USAGE}`);
  const certFile = single.get('--tls-cert');
  const keyFile = single.get('--tls-key');
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error(`--tls-cert and --tls-key go together.\n\n${USAGE}`);
  const maxMediaMb = Number(single.get('--max-media-mb') ?? 200);
  if (!Number.isFinite(maxMediaMb) || maxMediaMb <= 0 || maxMediaMb > 4096) throw new Error('--max-media-mb must be a number of megabytes from 1 to 4096.');
  return {
    kind: 'serve',
    dataDir,
    host: single.get('--host') ?? '127.0.0.1',
    port,
    tls: certFile && keyFile ? { certFile: path.resolve(cwd, certFile), keyFile: path.resolve(cwd, keyFile) } : undefined,
    maxMediaBytes: Math.round(maxMediaMb * 1024 * 1024),
    limits: parseLimits(single),
    oidc: parseOidcSettings(single, cwd, env.LEDE_OIDC_CLIENT_SECRET || undefined) ?? undefined,
    purgeRetentionDays: retentionDays(single),
    transmitTimeoutMs: transmitTimeoutS * 1000,
  };
}

const AUDIT_FLAGS = ['--document', '--account', '--since', '--limit'];

function retentionDays(flags: Map<string, string>): number {
  const raw = flags.get('--purge-retention-days');
  if (raw === undefined) return DEFAULT_PURGE_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0 || days > 36_500) throw new Error(`--purge-retention-days must be a whole number of days from 0 to 36500.\n\n${USAGE}`);
  return days;
}

/** A story's document name from `article:<uuid>` or the bare uuid; a photo's `media:<sha256>` as given. */
function documentName(raw: string): string {
  const trimmed = raw.trim().toLowerCase();
  const name = docKindOf(trimmed) ? trimmed : articleDocName(trimmed);
  if (!docKindOf(name)) throw new Error(`"${raw}" is not a document: give article:<uuid> or the story's id.`);
  return name;
}

function isoTime(raw: string): number {
  const ms = parseIsoInstant(raw);
  if (ms === null) throw new Error(`--since must be an ISO 8601 date, e.g. 2026-12-01 or 2026-12-01T09:00:00Z (not "${raw}").`);
  return ms;
}

/** `--oidc-issuer URL` with `--sub SUBJECT` or `--email ADDRESS`: who a `user link` ties to the account. */
function identityFlags(flags: Map<string, string>): Identity {
  const issuer = flags.get('--oidc-issuer');
  const sub = flags.get('--sub');
  const email = flags.get('--email');
  if (!issuer || Boolean(sub) === Boolean(email)) throw new Error(`"user link" needs --oidc-issuer URL and one of --sub SUBJECT or --email ADDRESS.\n\n${USAGE}`);
  // As the server compares them: the issuer exactly as configured, an email lower-cased.
  return sub ? { issuer, claim: 'sub', subject: sub } : { issuer, claim: 'email', subject: email!.trim().toLowerCase() };
}

function accountName(raw: string | undefined, command: string): string {
  const trimmed = (raw ?? '').trim();
  if (!trimmed) throw new Error(`"${command}" needs a NAME.\n\n${USAGE}`);
  if (trimmed.length > 100 || /[\u0000-\u001f\u007f]/.test(trimmed)) throw new Error('A user name is at most 100 characters, without control characters.');
  return trimmed;
}

function deskName(raw: string): string {
  const trimmed = raw.trim();
  const problem = deskNameProblem(trimmed);
  if (problem) throw new Error(problem);
  return trimmed;
}

const LIMIT_FLAGS = [
  '--trust-proxy',
  '--max-connections-per-address',
  '--max-connections-per-account',
  '--auth-timeout-s',
  '--max-auth-failures',
  '--max-frame-mb',
  '--max-document-mb',
  '--max-purges-per-hour',
];

/** The limit flags given (the rest keep limits.ts' defaults). */
function parseLimits(flags: Map<string, string>): Partial<ServerLimits> {
  const limits: Partial<ServerLimits> = {};
  const whole = (flag: string, min: number, max: number): number | undefined => {
    const raw = flags.get(flag);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}.\n\n${USAGE}`);
    return value;
  };
  const perAddress = whole('--max-connections-per-address', 1, 1_000_000);
  if (perAddress !== undefined) limits.maxConnectionsPerAddress = perAddress;
  const perAccount = whole('--max-connections-per-account', 1, 10_000);
  if (perAccount !== undefined) limits.maxConnectionsPerAccount = perAccount;
  const timeoutS = whole('--auth-timeout-s', 1, 300);
  if (timeoutS !== undefined) limits.authTimeoutMs = timeoutS * 1000;
  const failures = whole('--max-auth-failures', 1, 1_000_000);
  if (failures !== undefined) limits.authFailures = failures;
  const frameMb = whole('--max-frame-mb', 1, 1024);
  if (frameMb !== undefined) limits.maxFrameBytes = frameMb * 1024 * 1024;
  const purges = whole('--max-purges-per-hour', 1, 100_000);
  if (purges !== undefined) limits.maxPurgesPerHour = purges;
  const documentMb = whole('--max-document-mb', 1, 1024);
  if (documentMb !== undefined) limits.maxDocumentBytes = documentMb * 1024 * 1024;
  // A document's first sync is one frame: a document limit above the frame limit could never be reached.
  const frameBytes = limits.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes;
  if (documentMb === undefined && DEFAULT_LIMITS.maxDocumentBytes > frameBytes) limits.maxDocumentBytes = frameBytes;
  if ((limits.maxDocumentBytes ?? DEFAULT_LIMITS.maxDocumentBytes) > frameBytes) {
    throw new Error(`--max-document-mb must not be above --max-frame-mb (${frameBytes / 1024 / 1024}).\n\n${USAGE}`);
  }
  const proxies = flags.get('--trust-proxy');
  if (proxies !== undefined) {
    const list = proxies.split(',').map((entry) => entry.trim()).filter(Boolean);
    if (list.length === 0 || list.some((entry) => isIP(entry) === 0)) throw new Error(`--trust-proxy takes IP addresses separated by commas.\n\n${USAGE}`);
    limits.trustedProxies = list;
  }
  return limits;
}
