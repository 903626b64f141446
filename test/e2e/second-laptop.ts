import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launch } from './fixtures';

/** Another workstation for a two-laptop test: its own web shell, data folder and browser context. */
export interface SecondLaptop {
  page: Page;
  url: string;
  /** Closes its browser context, stops its shell and removes its data folder. */
  close(): Promise<void>;
}

export async function openSecondLaptop(browser: Browser): Promise<SecondLaptop> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-e2e-'));
  const shell = await launch(dataDir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return {
    page,
    url: shell.url,
    async close() {
      await context.close();
      shell.child.kill('SIGTERM');
      await shell.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
