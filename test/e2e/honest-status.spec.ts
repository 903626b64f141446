import type { Locator, Page } from '@playwright/test';
import { fixturePath } from '../helpers/fixtures';
import { body, createProfile, expect, newStory, test, waitSaved, shot } from './fixtures';
import { signIn, startE2eSyncServer } from './sync-server';

/**
 * Issue 18, item 5: the header never cuts the sync or save state short at
 * 1024 px and wider (the secondary actions go into "More"), and one badge
 * says what is wrong when the page lost Lede's core.
 */

/** The element shows all of its text: nothing clipped, no ellipsis. */
async function expectWhole(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const { scroll, client } = await locator.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(scroll, `"${await locator.textContent()}" is cut short`).toBeLessThanOrEqual(client);
}

/** Nothing in the top bar runs past its edge. */
async function expectBarFits(page: Page): Promise<void> {
  const { scroll, client } = await page.locator('.topbar').evaluate((bar) => ({ scroll: bar.scrollWidth, client: bar.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

const OFFLINE_WORDS = 'Offline — 3 stories and 2 photos waiting to sync';

test('the sync and save state are never cut short at 1024 and 1440 px; secondary actions collapse into More', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const server = await startE2eSyncServer();
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await signIn(page, server, server.addUser('Richard Connor', 'editor'));

    // Offline: three stories and two photos made here wait for the server.
    await server.stop();
    await expect(page.getByRole('button', { name: /^Sync: Offline/ })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Photo desk' }).click();
    await page.getByLabel('Photos to import').setInputFiles([fixturePath('images', 'metapm.jpg'), fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg')]);
    await expect(page.getByText('Import finished: 2 photos added')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: '← Stories' }).click();
    for (const headline of ['Syria’s new leader visits Moscow', 'Talks on the Russian bases', 'What Putin wants']) {
      await newStory(page);
      await page.getByLabel('Headline').fill(headline);
      await body(page).click();
      await page.keyboard.type('Written on the train, letter by letter.');
      await waitSaved(page);
      await page.getByRole('button', { name: 'Library', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();
    }
    const status = page.getByRole('button', { name: `Sync: ${OFFLINE_WORDS}` });
    await expect(status).toHaveText(OFFLINE_WORDS, { timeout: 20_000 });

    // 1440 px, library: everything fits inline.
    await expectWhole(page.locator('.sync-status'));
    await expectBarFits(page);
    await expect(page.getByRole('button', { name: 'Photo desk' })).toBeVisible();
    await shot(page, 'library-1440');

    // 1024 px, library: the status stays whole, the actions still fit beside it.
    await page.setViewportSize({ width: 1024, height: 800 });
    await expectWhole(page.locator('.sync-status'));
    await expectBarFits(page);
    await shot(page, 'library-1024');

    // Narrower still (a half-screen window): Import, Photo desk and Shortcuts make way, into More; the status stays whole.
    await page.setViewportSize({ width: 860, height: 800 });
    const more = page.getByRole('button', { name: 'More actions' });
    await expect(more).toBeVisible();
    await expect(more).toHaveText(/More/);
    await expectWhole(page.locator('.sync-status'));
    await expectBarFits(page);
    await expect(page.getByRole('button', { name: 'Photo desk' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'New story', exact: true })).toBeVisible();
    await shot(page, 'library-860');
    // The menu by keyboard: opens on Enter with its first action focused, closes on Escape back to More.
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const menu = page.getByRole('group', { name: 'More actions' });
    await expect(menu.getByRole('button', { name: 'Import…' })).toBeFocused();
    await expect(menu.getByRole('button', { name: 'Photo desk' })).toBeVisible();
    await expect(menu.getByRole('button', { name: 'Shortcuts' })).toBeVisible();
    await shot(page, 'library-860-more-open');
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();
    // An action in the menu works and closes it.
    await more.click();
    await menu.getByRole('button', { name: 'Photo desk' }).click();
    await expect(page.getByRole('button', { name: '← Stories' })).toBeVisible();
    await page.getByRole('button', { name: '← Stories' }).click();

    // Story screen, 1024 px: who is here, the save state and the sync state whole; History, Export… behind More.
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByRole('option', { name: /Syria’s new leader visits Moscow/ }).click();
    await expect(page.getByLabel('Headline')).toHaveValue('Syria’s new leader visits Moscow');
    await waitSaved(page);
    await expectWhole(page.locator('.save-indicator'));
    await expectWhole(page.locator('.sync-status'));
    await expect(page.locator('.sync-status')).toHaveText(OFFLINE_WORDS);
    await expectBarFits(page);
    await expect(page.getByRole('button', { name: 'History' })).toBeHidden();
    await shot(page, 'story-1024');
    await page.getByRole('button', { name: 'More actions' }).click();
    await expect(page.getByRole('group', { name: 'More actions' }).getByRole('button', { name: 'History' })).toBeVisible();
    await shot(page, 'story-1024-more-open');
    // A save while the menu is open ("Saving…", then "Saved") leaves the menu open and its button the same one.
    await page.getByRole('button', { name: 'More actions' }).evaluate((button) => ((button as HTMLElement).dataset.seen = 'yes'));
    await page.evaluate(() => {
      const editor = (document.querySelector('.ProseMirror') as unknown as { editor: { commands: { insertContentAt(at: number, text: string): void } } }).editor;
      editor.commands.insertContentAt(1, 'Updated: ');
    });
    await expect(page.locator('.save-indicator')).toHaveAttribute('data-state', 'saving');
    await waitSaved(page);
    await expect(page.getByRole('button', { name: 'More actions' })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: 'More actions' })).toHaveAttribute('data-seen', 'yes');
    await page.getByRole('group', { name: 'More actions' }).getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('group', { name: 'More actions' })).toBeHidden();

    // Story screen, 1440 px: the same, with room for the actions again.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(page.getByRole('button', { name: 'History', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'More actions' })).toHaveCount(0);
    await expectWhole(page.locator('.save-indicator'));
    await expectWhole(page.locator('.sync-status'));
    await expectBarFits(page);
    await shot(page, 'story-1440');
  } finally {
    await server.dispose();
  }
});

test('after the web shell is killed, one badge says so: no stale sync state beside it', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const server = await startE2eSyncServer();
  try {
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await signIn(page, server, server.addUser('Richard Connor', 'editor'));
    await server.stop();
    await newStory(page);
    await page.getByLabel('Headline').fill('Killed mid-sentence');
    await waitSaved(page);
    await expect(page.locator('.sync-status')).toHaveText('Offline — 1 story waiting to sync', { timeout: 20_000 });

    await shell.kill();
    await page.getByLabel('Headline').press('End');
    await page.keyboard.type(' and typing on');
    const banner = page.getByRole('alert').filter({ hasText: /Connection to Lede’s core lost/ });
    await expect(banner).toBeVisible();
    // The sync state the page last heard is stale: not shown beside the banner.
    await expect(page.locator('.sync-status')).toHaveCount(0);
    await expect(page.locator('.save-indicator')).toHaveText('Not saved yet — kept in this browser');
    await expect(page.getByText(/offline/i)).toHaveCount(0);
    await shot(page, 'story-core-lost');
  } finally {
    await server.dispose();
  }
});
