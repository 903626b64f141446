import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProfile, expect, launch, newStory, test, waitSaved, shot } from './fixtures';
import { signIn, startE2eSyncServer } from './sync-server';

/**
 * Issue 18, item 2: two laptops rewrite a headline while the server is
 * away; back online, both show one whole headline and, beside it, the other
 * version with "Use this" and "Keep mine" (ADR 0061), never a mix of both.
 */
const ORIGINAL = 'Syria’s new leader visits Moscow for talks with Putin';
const RICHARD = 'Syria seeks new start with Russia as Sharaa visits Kremlin';
const WESLEY = 'Al-Sharaa meets Putin in first Moscow visit';

test('headlines rewritten on two laptops offline: one whole version on both, the other offered beside the field', async ({ page, shell, browser }) => {
  test.setTimeout(150_000);
  const server = await startE2eSyncServer();
  const dataDirB = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-e2e-'));
  const shellB = await launch(dataDirB);
  const contextB = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await signIn(page, server, server.addUser('Richard Connor', 'editor'));
    const pageB = await contextB.newPage();
    await pageB.goto(shellB.url);
    await createProfile(pageB, 'Wesley Rahn', 'Editor');
    await signIn(pageB, server, server.addUser('Wesley Rahn', 'editor'));

    await newStory(page);
    await page.getByRole('textbox', { name: 'Headline' }).fill(ORIGINAL);
    await waitSaved(page);
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });
    await pageB.getByRole('option', { name: new RegExp(ORIGINAL) }).click({ timeout: 20_000 });
    await expect(pageB.getByRole('textbox', { name: 'Headline' })).toHaveValue(ORIGINAL);

    // The server goes away; each rewrites the headline.
    await server.stop();
    await expect(page.getByRole('button', { name: /^Sync: Offline/ })).toBeVisible({ timeout: 20_000 });
    await expect(pageB.getByRole('button', { name: /^Sync: Offline/ })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('textbox', { name: 'Headline' }).fill(RICHARD);
    await pageB.getByRole('textbox', { name: 'Headline' }).fill(WESLEY);
    await waitSaved(page);
    await waitSaved(pageB);

    // Back: whichever reached the server first is kept whole on both; the other is offered beside the field.
    await server.start();
    const headlineA = page.getByRole('textbox', { name: 'Headline' });
    const headlineB = pageB.getByRole('textbox', { name: 'Headline' });
    // Each is offered the other person's version, whichever was kept.
    const noticeA = page.getByRole('group', { name: `Wesley Rahn also rewrote the headline offline: “${WESLEY}”` });
    const noticeB = pageB.getByRole('group', { name: `Richard Connor also rewrote the headline offline: “${RICHARD}”` });
    await expect(noticeA).toBeVisible({ timeout: 30_000 });
    await expect(noticeB).toBeVisible({ timeout: 30_000 });
    const kept = await headlineA.inputValue();
    expect([RICHARD, WESLEY]).toContain(kept);
    await expect(headlineB).toHaveValue(kept);
    // Whoever's version was not kept is shown it too: that is what their "Keep mine" brings back.
    const [loser, winner, lost] = kept === WESLEY ? [noticeA, noticeB, RICHARD] : [noticeB, noticeA, WESLEY];
    await expect(loser).toContainText(`Yours was not kept: “${lost}”`);
    await expect(winner).not.toContainText('Yours was not kept');
    await expect(noticeA.getByRole('button')).toHaveText(['Use this', 'Keep mine']);
    await shot(page, 'rival-headline-notice');
    await shot(pageB, 'rival-headline-notice-other-laptop');

    // Richard takes Wesley's: one ordinary edit, on both laptops, and the notice goes on both.
    await noticeA.getByRole('button', { name: 'Use this' }).click();
    await expect(headlineA).toHaveValue(WESLEY);
    await expect(headlineB).toHaveValue(WESLEY, { timeout: 20_000 });
    await expect(noticeA).toBeHidden();
    // The caret is back in the field, not lost with the button.
    await expect(headlineA).toBeFocused();
    await expect(noticeB).toBeHidden({ timeout: 20_000 });
    await waitSaved(page);
    await shot(page, 'rival-headline-settled');
  } finally {
    await contextB.close();
    shellB.child.kill('SIGTERM');
    await shellB.exited;
    fs.rmSync(dataDirB, { recursive: true, force: true });
    await server.dispose();
  }
});
