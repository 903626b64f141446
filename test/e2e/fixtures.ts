import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { repoRoot } from '../helpers/fixtures';

/**
 * Each end-to-end test gets its own web shell process (the built
 * dist/web/server.mjs, as `npm run web` runs it) on its own temporary data
 * folder, and a page signed in to it.
 */
export interface WebShellHandle {
  dataDir: string;
  url: string;
  /** SIGKILL: the process gets no chance to clean up. */
  kill(): Promise<void>;
  /**
   * Starts the shell again on the same data folder (new token, new URL). On
   * the same port when asked, as a person's restarted `npm run web` is (the
   * default port): a page left open can then reconnect once it has a session.
   */
  restart(options?: { samePort?: boolean }): Promise<string>;
  /** Presses Enter in the shell's terminal, as a person does, and answers the new one-use link it prints (ADR 0046). */
  freshLink(): Promise<string>;
}

export async function launch(dataDir: string, extraEnv: Record<string, string> = {}, port = 0): Promise<{ child: ChildProcess; url: string; exited: Promise<void>; output: () => string }> {
  const server = path.join(repoRoot, 'dist', 'web', 'server.mjs');
  if (!fs.existsSync(server)) throw new Error('dist/web/server.mjs is missing: run `npm run build` first (npm test does).');
  // The machine's own policy file (/etc/lede/policy.json) must not change what a test sees.
  const env = { ...process.env, LEDE_POLICY_FILE: path.join(dataDir, 'no-policy.json'), ...extraEnv };
  const child = spawn(process.execPath, [server, '--data-dir', dataDir, '--port', String(port)], { stdio: ['pipe', 'pipe', 'pipe'], env });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Lede is ready at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`web shell exited:\n${output}`)));
  });
  return { child, url, exited, output: () => output };
}

export const test = base.extend<{ shell: WebShellHandle; shellEnv: Record<string, string> }>({
  /** Extra environment for the web shell (e.g. LEDE_POLICY_FILE), set with test.use(). */
  shellEnv: [{}, { option: true }],
  shell: async ({ shellEnv }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-e2e-'));
    let current = await launch(dataDir, shellEnv);
    const outputs: Array<() => string> = [current.output];
    const handle: WebShellHandle = {
      dataDir,
      get url() {
        return current.url;
      },
      async kill() {
        current.child.kill('SIGKILL');
        await current.exited;
      },
      async restart({ samePort = false } = {}) {
        current = await launch(dataDir, shellEnv, samePort ? Number(new URL(current.url).port) : 0);
        outputs.push(current.output);
        return current.url;
      },
      freshLink() {
        const { child, output } = current;
        const already = output().length;
        return new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no new link within 10 s:\n${output()}`)), 10_000);
          const onData = () => {
            const match = /New sign-in link \(one use\): (\S+)/.exec(output().slice(already));
            if (!match) return;
            clearTimeout(timer);
            child.stdout!.off('data', onData);
            resolve(match[1]!);
          };
          child.stdout!.on('data', onData);
          child.stdin!.write('\n');
        });
      },
    };
    await use(handle);
    // A failed test gets what the shell printed (a crash's stack, a refused
    // request), so "connection refused" in a browser comes with its cause.
    if (testInfo.status !== testInfo.expectedStatus) {
      const exitedEarly = current.child.exitCode !== null || current.child.signalCode !== null;
      await testInfo.attach('web shell output', { body: `${exitedEarly ? `the web shell had exited (${current.child.exitCode ?? current.child.signalCode})\n` : ''}${outputs.map((output) => output()).join('\n--- restarted ---\n')}`, contentType: 'text/plain' });
    }
    current.child.kill('SIGTERM');
    await current.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** First start: says who is writing. */
export async function createProfile(page: Page, name: string, role: 'Reporter' | 'Editor' | 'Photo editor'): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Newsroom role').selectOption({ label: role });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();
}

/** Creates a story from the library and waits for the story screen. */
export async function newStory(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New story', exact: true }).click();
  await expect(page.getByLabel('Headline')).toBeVisible();
}

/** Waits until core has acknowledged every edit ("Saved" means on disk). */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.locator('.save-indicator')).toHaveAttribute('data-state', 'saved');
}

export const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });

/** A screenshot for a person to look at, when LEDE_SHOTS_DIR names a folder (nothing otherwise). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.LEDE_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** Clicks one of the story screen's header actions, opening "More" first when the bar has collapsed them into it. */
export async function headerAction(page: Page, name: string | RegExp): Promise<void> {
  const more = page.getByRole('button', { name: 'More actions' });
  if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await page.getByRole('button', { name }).click();
}

/** A header action's button, found whether it is in the bar or in the closed "More" menu (for its text). */
export const headerButton = (page: Page, name: string | RegExp) => page.getByRole('button', { name, includeHidden: true });
