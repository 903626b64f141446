import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { startHttpReceiver } from '../helpers/publish-receivers';
import { body, createProfile, expect, newStory, shot, test, waitSaved } from './fixtures';
import { signIn, startE2eSyncServer } from './sync-server';

const SECRET = 'a-shared-secret-of-the-cms-0001';

/** The Publishing section alone, for a close look (LEDE_SHOTS_DIR). */
async function sectionShot(section: Locator, name: string): Promise<void> {
  const dir = process.env.LEDE_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await section.screenshot({ path: path.join(dir, `${name}.png`) });
}

/**
 * Publishing as the desk editor sees it (ADR 0071): published on a laptop
 * that is offline, nothing goes out until the change reaches the server;
 * then the story's Publishing section says, per output, sent, refused (with
 * the receiver's answer) or still waiting, and the library marks the story.
 */
test('a story published offline is sent once the laptop syncs, and the story screen says where it went', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const site = await startHttpReceiver(SECRET);
  const wire = await startHttpReceiver(SECRET, () => ({ status: 422, body: '{"error":"dateline is required for wire copy"}' }));
  const archive = await startHttpReceiver(SECRET, () => 'hold');
  const server = await startE2eSyncServer();
  try {
    server.cli(['desk', 'add', 'Politics']);
    server.cli(['output', 'add', 'website', '--type', 'http', '--url', site.url, '--secret', SECRET]);
    server.cli(['output', 'add', 'wire', '--type', 'http', '--url', wire.url, '--secret', SECRET]);
    server.cli(['output', 'add', 'archive', '--type', 'http', '--url', archive.url, '--secret', SECRET]);
    const token = server.addUser('Rita Berg', 'editor', ['Politics']);
    await page.goto(shell.url);
    await createProfile(page, 'Rita Berg', 'Editor');
    await signIn(page, server, token);

    await newStory(page);
    await page.getByLabel('Headline').fill('Minister resigns over contracts');
    await page.getByLabel('Teaser').fill('The minister stepped down on Tuesday after weeks of pressure.');
    const byline = page.getByRole('combobox', { name: 'Byline' });
    await byline.fill('Rita Berg');
    await byline.press('Enter');
    await body(page).click();
    await page.keyboard.type('The minister resigned on Tuesday.');
    await waitSaved(page);
    const status = page.getByLabel('Status');
    await status.selectOption({ label: 'In edit' });
    await expect(status).toHaveValue('in_edit');
    await status.selectOption({ label: 'Ready' });
    await expect(status).toHaveValue('ready');
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });

    const publishing = page.getByRole('region', { name: 'Publishing' });
    await expect(publishing).toContainText('Not published yet.');
    await expect(publishing.getByLabel('Embargoed until')).toHaveValue('');
    await expect(publishing).toContainText('None. Times are in');
    await sectionShot(publishing, 'publishing-not-yet');

    // Offline: published here, nothing sent.
    await server.stop();
    await status.selectOption({ label: 'Published' });
    await expect(status).toHaveValue('published');
    await expect(publishing).toContainText('Published on this computer while the newsroom server cannot be reached. Nothing has been sent yet');
    await sectionShot(publishing, 'publishing-offline');
    expect(site.received).toHaveLength(0);

    await server.start();
    const outputs = publishing.getByRole('list', { name: 'Outputs' });
    await expect(outputs.getByRole('listitem', { name: 'website: Sent' })).toBeVisible({ timeout: 30_000 });
    await expect(outputs.getByRole('listitem', { name: 'wire: Refused' })).toContainText('dateline is required for wire copy');
    await expect(outputs.getByRole('listitem', { name: 'archive: Waiting' })).toBeVisible();
    await expect(publishing).toContainText('Version 1');
    await shot(page, 'publishing-story');
    await sectionShot(publishing, 'publishing-sent-refused-waiting');
    expect(site.received).toHaveLength(1);
    expect(site.received[0]!.signatureValid).toBe(true);
    expect(site.received[0]!.schemaErrors).toEqual([]);

    archive.release(200);
    await expect(outputs.getByRole('listitem', { name: 'archive: Sent' })).toBeVisible({ timeout: 30_000 });

    // The library marks the story the wire refused.
    await page.getByRole('button', { name: /Library/ }).click();
    const row = page.getByRole('option', { name: /Minister resigns over contracts/ });
    await expect(row.getByText('Not sent')).toBeVisible({ timeout: 40_000 });
    await shot(page, 'publishing-library-marker');

    // A second story under embargo (two hours from now, typed in this computer's zone): held, and the library says for how long.
    await newStory(page);
    await page.getByLabel('Headline').fill('Budget figures released');
    await page.getByLabel('Teaser').fill('The budget shows a smaller deficit than forecast.');
    await byline.fill('Rita Berg');
    await byline.press('Enter');
    await body(page).click();
    await page.keyboard.type('The deficit narrowed.');
    const embargo = new Date(Date.now() + 2 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await publishing.getByLabel('Embargoed until').fill(
      `${embargo.getFullYear()}-${pad(embargo.getMonth() + 1)}-${pad(embargo.getDate())}T${pad(embargo.getHours())}:${pad(embargo.getMinutes())}`,
    );
    await expect(publishing).toContainText('Outputs get it from');
    await waitSaved(page);
    await status.selectOption({ label: 'In edit' });
    await status.selectOption({ label: 'Ready' });
    await expect(status).toHaveValue('ready');
    await status.selectOption({ label: 'Published' });
    await expect(status).toHaveValue('published');
    await expect(outputs.getByRole('listitem', { name: 'website: Embargoed' })).toContainText('Held by the newsroom server until', { timeout: 30_000 });
    await sectionShot(publishing, 'publishing-embargoed');
    expect(site.received).toHaveLength(1);
    await page.getByRole('button', { name: /Library/ }).click();
    const held = page.getByRole('option', { name: /Budget figures released/ });
    await expect(held.getByText(/^Embargo ends in (2 hr\.|1[12]\d min\.)$/)).toBeVisible({ timeout: 40_000 });
    await shot(page, 'publishing-library-embargo');
  } finally {
    await server.dispose();
    await Promise.all([site.stop(), wire.stop(), archive.stop()]);
  }
});
