import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountRole } from '../../shared/accounts/roles';
import { expect, type Page } from '@playwright/test';
import { repoRoot } from '../helpers/fixtures';

/** The built sync server (dist/server/main.mjs, as `npm run server` runs it) for end-to-end tests. */
export interface E2eSyncServer {
  url: string;
  port: number;
  addUser(name: string, role: AccountRole, desks?: string[]): string;
  /** Any other account or desk command (`desk add …`, `user link …`); its stdout lines. */
  cli(args: string[]): string[];
  /** `user lost NAME`: that computer removes the newsroom's data at its next connection. */
  loseUser(name: string): void;
  stop(): Promise<void>;
  /** Starts it again on the same data folder and port. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startE2eSyncServer(options: { args?: string[]; env?: Record<string, string> } = {}): Promise<E2eSyncServer> {
  const main = path.join(repoRoot, 'dist', 'server', 'main.mjs');
  if (!fs.existsSync(main)) throw new Error('dist/server/main.mjs is missing: run `npm run build` first (npm test does).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-e2e-server-'));
  let port = 0;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let url = '';
  const start = async () => {
    const proc = spawn(process.execPath, [main, '--data-dir', dataDir, '--port', String(port), ...(options.args ?? [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
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
  const cli = (args: string[]): string[] => {
    const result = spawnSync(process.execPath, [main, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.trimEnd().split('\n');
  };
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
    addUser(name, role, desks = []) {
      return cli(['user', 'add', name, '--role', role, ...desks.flatMap((desk) => ['--desk', desk])]).at(-1)!;
    },
    cli,
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

/** Signs the page in to `server` with an account token through the sign-in dialog, and waits for Synced. */
export async function signIn(page: Page, server: E2eSyncServer, token: string): Promise<void> {
  await page.getByRole('button', { name: /^Sync: not signed in/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to your newsroom' });
  await dialog.getByLabel('Server address').fill(server.url);
  await dialog.getByLabel('Access token').fill(token);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });
}
