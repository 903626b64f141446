import { spawn } from 'node:child_process';
import type { AccountRole } from '../../shared/accounts/roles';
import { bundleScript, startScript, type ScriptProcess } from './bundle-script';
import { freshDatabase } from './postgres';
import { makeTempDir } from './temp-dir';

export interface SyncServerProcess {
  url: string;
  port: number;
  dataDir: string;
  process: ScriptProcess;
  /** SIGKILL: no store, no goodbye. */
  kill(): Promise<void>;
  /** SIGTERM: stores what waits, then exits. */
  stop(): Promise<void>;
  /** Starts it again on the same data folder and port. */
  restart(): Promise<void>;
  /** `user add NAME --role ROLE [--desk DESK]…`; the new token. */
  addUser(name: string, role: AccountRole, desks?: string[]): Promise<string>;
  revokeUser(name: string): Promise<void>;
  /** `user lost NAME`: revoked, and that computer removes the newsroom's data at its next connection. */
  loseUser(name: string): Promise<string[]>;
  /** Any other account command (`user list`, …); its stdout lines. */
  cli(args: string[]): Promise<string[]>;
  output(): string;
}

export interface SyncServerProcessOptions {
  dataDir?: string;
  port?: number;
  /** e.g. DATABASE_URL, REDIS_URL */
  env?: Record<string, string>;
  args?: string[];
}

/** The sync server as its own process (bundled from server/main.ts), as `npm run server` runs it. */
export const SERVER_STORE_WORKER = 'server/storage/store-worker.ts';

export async function startSyncServerProcess(options: SyncServerProcessOptions = {}): Promise<SyncServerProcess> {
  // With its store worker beside it, as `npm run server` runs it.
  const file = await bundleScript('server/main.ts', [SERVER_STORE_WORKER]);
  const dataDir = options.dataDir ?? makeTempDir('lede-server-');
  const env = { ...process.env, ...options.env };
  let port = options.port ?? 0;
  let current: ScriptProcess;
  let url = '';

  const launch = async () => {
    current = startScript(file, ['--data-dir', dataDir, '--port', String(port), ...(options.args ?? [])], env);
    await current.waitFor((lines) => lines.some((line) => line.startsWith('Lede sync server listening on ')), 'the server to listen');
    const line = current.lines().find((candidate) => candidate.startsWith('Lede sync server listening on '))!;
    url = line.slice('Lede sync server listening on '.length).trim();
    port = Number(new URL(url).port);
  };
  await launch();

  const cli = (args: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      const child = spawn(process.execPath, [file, ...args, '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out.trimEnd().split('\n')) : reject(new Error(`server ${args.join(' ')} exited ${code}: ${err}`))));
    });

  return {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    dataDir,
    get process() {
      return current;
    },
    kill: () => current.kill(),
    async stop() {
      if (current.child.exitCode !== null || current.child.signalCode !== null) return;
      current.child.kill('SIGTERM');
      await current.exited;
    },
    restart: launch,
    async addUser(name, role, desks = []) {
      const lines = await cli(['user', 'add', name, '--role', role, ...desks.flatMap((desk) => ['--desk', desk])]);
      return lines[lines.length - 1]!;
    },
    async revokeUser(name) {
      await cli(['user', 'revoke', name]);
    },
    loseUser: (name) => cli(['user', 'lost', name]),
    cli,
    output: () => `${current.lines().join('\n')}\n${current.stderr()}`,
  };
}

/**
 * The PostgreSQL and Redis the tests use (scripts/ci-services.sh starts
 * them). In CI a missing service fails the test; elsewhere the test is
 * skipped with this reason (scripts/test.mjs starts the services when it can).
 */
export function serviceUrl(name: 'LEDE_TEST_DATABASE_URL' | 'LEDE_TEST_REDIS_URL'): string | null {
  const value = process.env[name];
  if (value) return value;
  if (process.env.LEDE_CI || process.env.CI) {
    throw new Error(`${name} is not set: CI must start PostgreSQL and Redis with scripts/ci-services.sh (see .ci/run).`);
  }
  return null;
}

/** The server's two databases, for `describe.each`: SQLite always, PostgreSQL where the CI service runs (a fresh database each). */
export interface ServerDatabase {
  name: string;
  available: boolean;
  /** The environment a server process needs to use it. */
  env(): Promise<Record<string, string>>;
}

export function serverDatabases(): ServerDatabase[] {
  const base = serviceUrl('LEDE_TEST_DATABASE_URL');
  return [
    { name: 'SQLite', available: true, env: async () => ({}) },
    { name: 'PostgreSQL', available: base !== null, env: async () => ({ DATABASE_URL: await freshDatabase(base!) }) },
  ];
}
