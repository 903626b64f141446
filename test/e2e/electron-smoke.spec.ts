import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { repoRoot } from '../helpers/fixtures';

/**
 * The desktop app itself: start, library, a new story, a clean quit. Needs
 * the Electron binary, which cannot be downloaded on machines without
 * network beyond the package registries; there it skips with one line.
 */
const binary = findElectronBinary(repoRoot);

type Bridge = { invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> };
type LibraryPage = { total: number; items: Array<{ id: string; headline: string }> };

const HEADLINE = 'Syria’s new leader visits Moscow for talks with Putin';

function launch(dataDir: string): Promise<ElectronApplication> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  env.LEDE_DATA_DIR = dataDir;
  return electron.launch({ executablePath: binary!, args: ['.'], cwd: repoRoot, env, timeout: 60_000 });
}

async function library(page: Page): Promise<LibraryPage> {
  const result = await page.evaluate(() => (window as unknown as { lede: Bridge }).lede.invoke('library.list', {}));
  expect(result.ok).toBe(true);
  return result.value as LibraryPage;
}

test.describe('Electron shell', () => {
  test.skip(!binary, 'Electron binary not installed here (no network to download it)');

  test.beforeAll(() => {
    test.setTimeout(240_000);
    const build = spawnSync(process.execPath, ['--input-type=module', '-e', "await (await import('./scripts/build-steps.mjs')).buildIfStale();"], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    expect(build.status, 'the build before launching Electron').toBe(0);
  });

  test('starts, shows the library, creates a story and quits cleanly', async () => {
    test.setTimeout(120_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-electron-e2e-'));
    let app = await launch(dataDir);
    let page = await app.firstWindow();
    expect(page.url()).toMatch(/^app:\/\/lede\//);

    // The page runs sandboxed, with exactly three functions from the preload, and the shell's two (ADR 0021).
    const reach = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      lede: Object.keys((window as unknown as { lede: object }).lede).sort(),
      ledeShell: Object.keys((window as unknown as { ledeShell: object }).ledeShell).sort(),
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', lede: ['invoke', 'on', 'onConnection'], ledeShell: ['onCommand', 'setSpellcheckLanguages'] });
    // The temporary library is the one in use, not the person's own.
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(dataDir);

    // First start: who is writing.
    await page.getByLabel('Name').fill('Richard Connor');
    await page.getByLabel('Newsroom role').selectOption('reporter');
    await page.getByRole('button', { name: 'Continue' }).click();

    // The library, then a new story with a headline.
    await expect(page.getByLabel('Search')).toBeVisible();
    await page.getByRole('button', { name: /new story/i }).click();
    const headline = page.getByLabel('Headline', { exact: true });
    await headline.click();
    await page.keyboard.type(HEADLINE);
    await expect.poll(async () => (await library(page)).items.map((item) => item.headline)).toEqual([HEADLINE]);
    // Spellcheck follows the story's language (English → the en-US dictionary; macOS uses the system's).
    if (process.platform !== 'darwin') {
      await expect.poll(() => app.evaluate(({ session }) => session.defaultSession.getSpellCheckerLanguages())).toEqual(['en-US']);
    }

    // Quit: main waits for core to drain and close the library before exiting.
    await app.close();
    expect(app.process().exitCode).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'lede.lock.json')), 'core released the data folder').toBe(false);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'lede.log'), 'utf8');
    expect(log).toContain('core closed');
    expect(log).toMatch(/electron main: core shut down \{"outcome":"(closed|exited)"\}/);

    // Started again on the same folder, the story is there.
    app = await launch(dataDir);
    page = await app.firstWindow();
    await expect(page.getByLabel('Search')).toBeVisible();
    expect((await library(page)).items.map((item) => item.headline)).toEqual([HEADLINE]);
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
