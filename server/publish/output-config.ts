import { isIP } from 'node:net';
import path from 'node:path';
import { OUTPUT_TYPES, type OutputType } from '../../shared/publishing/transmissions';

/**
 * `output add NAME --type …`: what each type needs, checked before anything
 * is stored (ADR 0071). The settings go to the database; the secret (HTTP
 * signing secret, password, SSH key) goes to a file of its own.
 */

export interface HttpSettings {
  url: string;
}
export interface FolderSettings {
  path: string;
}
export interface SftpSettings {
  host: string;
  port: number;
  user: string;
  /** OpenSSH's form of the server's host key fingerprint: `SHA256:<base64 without padding>`. */
  hostKey: string;
  path: string;
  auth: 'password' | 'key';
}
export interface FtpSettings {
  host: string;
  port: number;
  user: string;
  path: string;
  /** require: FTPS or nothing; optional: FTPS where the server offers it, else plain FTP. */
  tls: 'require' | 'optional';
}

export type OutputSpec =
  | { type: 'http'; settings: HttpSettings }
  | { type: 'folder'; settings: FolderSettings }
  | { type: 'sftp'; settings: SftpSettings }
  | { type: 'ftp'; settings: FtpSettings };

/** What `output add` was asked to make. `secret`: given inline; `keyFile`: read by the command. */
export interface OutputRequest {
  name: string;
  spec: OutputSpec;
  desks: string[];
  embargoedCopy: boolean;
  secret: string | null;
  keyFile: string | null;
}

export const OUTPUT_FLAGS = ['--type', '--url', '--secret', '--path', '--host', '--port', '--user', '--password', '--key', '--host-key', '--tls', '--embargoed-copy'];

/** Flags that take no value. */
export const OUTPUT_SWITCHES = ['--embargoed-copy'];

const FLAGS_OF: Record<OutputType, string[]> = {
  http: ['--url', '--secret'],
  folder: ['--path'],
  sftp: ['--host', '--port', '--user', '--password', '--key', '--host-key', '--path'],
  ftp: ['--host', '--port', '--user', '--password', '--path', '--tls'],
};

/** A name that is also a safe file name (the secret's file is named after it). */
export function outputNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) {
    return `"${name}" is not an output name: use 1–63 letters, digits, dots, hyphens or underscores, starting with a letter or digit (e.g. website, wire-afp).`;
  }
  return null;
}

export function parseOutputRequest(name: string, flags: Map<string, string>, desks: string[], cwd: string, usage: string): OutputRequest {
  const problem = outputNameProblem(name);
  if (problem) throw new Error(problem);
  const type = flags.get('--type');
  if (type === undefined) throw new Error(`"output add" needs --type ${OUTPUT_TYPES.join('|')}.\n\n${usage}`);
  if (!(OUTPUT_TYPES as readonly string[]).includes(type)) throw new Error(`"${type}" is not an output type: use ${OUTPUT_TYPES.join(', ')}.`);
  const kind = type as OutputType;
  for (const flag of flags.keys()) {
    if (flag === '--type' || flag === '--embargoed-copy') continue;
    if (!FLAGS_OF[kind].includes(flag)) throw new Error(`${flag} does not apply to a ${kind} output (it takes ${FLAGS_OF[kind].join(', ')}).`);
  }
  const need = (flag: string, what: string): string => {
    const value = flags.get(flag);
    if (value === undefined || value.trim() === '') throw new Error(`A ${kind} output needs ${flag} (${what}).`);
    return value.trim();
  };
  const base = { name, desks, embargoedCopy: flags.has('--embargoed-copy') };
  switch (kind) {
    case 'http': {
      const url = need('--url', 'the address stories are POSTed to');
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(`--url "${url}" is not a web address (e.g. https://cms.example.org/lede/inbox).`);
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`--url must be an http:// or https:// address, not ${parsed.protocol}.`);
      const secret = need('--secret', 'the shared secret the receiver checks X-Lede-Signature with');
      if (secret.length < 16) throw new Error('--secret must be at least 16 characters: the receiver trusts whatever is signed with it.');
      return { ...base, spec: { type: 'http', settings: { url: parsed.toString() } }, secret, keyFile: null };
    }
    case 'folder':
      return { ...base, spec: { type: 'folder', settings: { path: folderPath(need('--path', 'the folder to write into'), cwd) } }, secret: null, keyFile: null };
    case 'sftp': {
      const password = flags.get('--password');
      const key = flags.get('--key');
      if ((password === undefined) === (key === undefined)) throw new Error('An sftp output needs one of --password PASSWORD or --key FILE.');
      const hostKey = need('--host-key', 'the server’s host key fingerprint, SHA256:…, as ssh-keyscan HOST | ssh-keygen -lf - shows it');
      if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(hostKey)) {
        throw new Error(`--host-key "${hostKey}" is not a SHA256 fingerprint: give it as ssh-keygen -lf shows it, SHA256: and 43 characters.`);
      }
      return {
        ...base,
        spec: {
          type: 'sftp',
          settings: { host: host(need('--host', 'the SFTP server')), port: port(flags.get('--port'), 22), user: need('--user', 'the account'), hostKey, path: remotePath(need('--path', 'the folder on the server')), auth: key !== undefined ? 'key' : 'password' },
        },
        secret: password ?? null,
        keyFile: key !== undefined ? path.resolve(cwd, key) : null,
      };
    }
    case 'ftp': {
      const tls = flags.get('--tls') ?? 'require';
      if (tls !== 'require' && tls !== 'optional') throw new Error(`--tls must be require or optional, not "${tls}".`);
      return {
        ...base,
        spec: {
          type: 'ftp',
          settings: { host: host(need('--host', 'the FTP server')), port: port(flags.get('--port'), 21), user: need('--user', 'the account'), path: remotePath(need('--path', 'the folder on the server')), tls },
        },
        secret: need('--password', 'the account’s password'),
        keyFile: null,
      };
    }
  }
}

function folderPath(raw: string, cwd: string): string {
  return path.resolve(cwd, raw);
}

function remotePath(raw: string): string {
  if (/[\u0000-\u001f]/.test(raw)) throw new Error('--path must not contain control characters.');
  return raw.replace(/\/+$/, '') || '/';
}

function host(raw: string): string {
  if (isIP(raw) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(raw)) throw new Error(`--host "${raw}" is not a host name or address.`);
  return raw;
}

function port(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`--port must be a number from 1 to 65535, not "${raw}".`);
  return value;
}

/** A human summary of an output's settings for `output list` (never its secret). */
export function describeSettings(type: OutputType, config: Record<string, unknown>): string {
  switch (type) {
    case 'http':
      return String(config.url);
    case 'folder':
      return String(config.path);
    case 'sftp':
      return `sftp://${String(config.user)}@${String(config.host)}:${String(config.port)}${String(config.path)} (${String(config.auth)}, host key ${String(config.hostKey)})`;
    case 'ftp':
      return `ftp://${String(config.user)}@${String(config.host)}:${String(config.port)}${String(config.path)} (TLS ${String(config.tls)})`;
  }
}
