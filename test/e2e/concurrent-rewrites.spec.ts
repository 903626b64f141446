import type { Page } from '@playwright/test';
import { fixturePath } from '../helpers/fixtures';
import { createProfile, expect, newStory, test, waitSaved, shot } from './fixtures';
import { openSecondLaptop } from './second-laptop';
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
  const laptopB = await openSecondLaptop(browser);
  const pageB = laptopB.page;
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await signIn(page, server, server.addUser('Richard Connor', 'editor'));
    await pageB.goto(laptopB.url);
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
    await laptopB.close();
    await server.dispose();
  }
});

/** The photo desk has no sync button: reads the state from the library, then comes back to the photo. */
async function waitForSyncState(page: Page, state: RegExp): Promise<void> {
  await page.getByRole('button', { name: '← Stories' }).click();
  await expect(page.getByRole('button', { name: state })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Photo desk' }).click();
  await page.locator('.photo-tile[aria-label^="metapm.jpg"]').click();
}

test('a photo’s caption rewritten on two laptops offline: one whole caption on both, the other beside it on the photo desk', async ({ page, shell, browser }) => {
  test.setTimeout(150_000);
  const server = await startE2eSyncServer();
  const laptopB = await openSecondLaptop(browser);
  const pageB = laptopB.page;
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Editor');
    await signIn(page, server, server.addUser('Richard Connor', 'editor'));
    await pageB.goto(laptopB.url);
    await createProfile(pageB, 'Wesley Rahn', 'Editor');
    await signIn(pageB, server, server.addUser('Wesley Rahn', 'editor'));

    await page.getByRole('button', { name: 'Photo desk' }).click();
    await page.getByLabel('Photos to import').setInputFiles([fixturePath('images', 'metapm.jpg')]);
    await expect(page.getByText('Import finished: 1 photo added')).toBeVisible({ timeout: 30_000 });
    const captionA = page.getByLabel('Caption', { exact: true });
    const captionB = pageB.getByLabel('Caption', { exact: true });
    await page.locator('.photo-tile[aria-label^="metapm.jpg"]').click();
    await captionA.fill(ORIGINAL);
    await captionA.press('Tab');
    await waitForSyncState(page, /^Sync: Synced/);
    await pageB.getByRole('button', { name: 'Photo desk' }).click();
    await pageB.locator('.photo-tile[aria-label^="metapm.jpg"]').click({ timeout: 20_000 });
    await expect(captionB).toHaveValue(ORIGINAL, { timeout: 20_000 });

    await server.stop();
    await waitForSyncState(page, /^Sync: Offline/);
    await waitForSyncState(pageB, /^Sync: Offline/);
    await captionA.fill(RICHARD);
    await captionA.press('Tab');
    await captionB.fill(WESLEY);
    await captionB.press('Tab');
    await waitForSyncState(page, /^Sync: Offline — 1 photo waiting to sync$/);
    await waitForSyncState(pageB, /^Sync: Offline — 1 photo waiting to sync$/);
    await expect(captionA).toHaveValue(RICHARD);

    await server.start();
    const noticeA = page.getByRole('group', { name: `Wesley Rahn also rewrote the caption offline: “${WESLEY}”` });
    const noticeB = pageB.getByRole('group', { name: `Richard Connor also rewrote the caption offline: “${RICHARD}”` });
    await expect(noticeA).toBeVisible({ timeout: 30_000 });
    await expect(noticeB).toBeVisible({ timeout: 30_000 });
    const kept = await captionA.inputValue();
    expect([RICHARD, WESLEY]).toContain(kept);
    await expect(captionB).toHaveValue(kept);
    await shot(page, 'rival-caption-notice');

    // Richard keeps his: his caption on both laptops, the notice gone on both.
    await noticeA.getByRole('button', { name: 'Keep mine' }).click();
    await expect(captionA).toHaveValue(RICHARD);
    await expect(captionB).toHaveValue(RICHARD, { timeout: 20_000 });
    await expect(noticeA).toBeHidden();
    await expect(noticeB).toBeHidden({ timeout: 20_000 });
  } finally {
    await laptopB.close();
    await server.dispose();
  }
});
