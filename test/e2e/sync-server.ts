import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountRole } from '../../shared/accounts/roles';
import { repoRoot } from '../helpers/fixtures';

/** The built sync server (dist/server/main.mjs, as `npm run server` runs it) for end-to-end tests. */
export interface E2eSyncServer {
  url: string;
  port: number;
  addUser(name: string, role: AccountRole): string;
  /** `user lost NAME`: that computer removes the newsroom's data at its next connection. */
  loseUser(name: string): void;
  stop(): Promise<void>;
  /** Starts it again on the same data folder and port. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startE2eSyncServer(): Promise<E2eSyncServer> {
  const main = path.join(repoRoot, 'dist', 'server', 'main.mjs');
  if (!fs.existsSync(main)) throw new Error('dist/server/main.mjs is missing: run `npm run build` first (npm test does).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-e2e-server-'));
  let port = 0;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let url = '';
  const start = async () => {
    const proc = spawn(process.execPath, [main, '--data-dir', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sync server did not start:\n${output}`)), 20_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Lede sync server listening on (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then(() => reject(new Error(`sync server exited:\n${output}`)));
    });
    port = Number(new URL(url).port);
  };
  await start();
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  return {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    addUser(name, role) {
      const result = spawnSync(process.execPath, [main, 'user', 'add', name, '--role', role, '--data-dir', dataDir], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return result.stdout.trimEnd().split('\n').at(-1)!;
    },
    loseUser(name) {
      const result = spawnSync(process.execPath, [main, 'user', 'lost', name, '--data-dir', dataDir], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
    },
    stop,
    start,
    async dispose() {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
