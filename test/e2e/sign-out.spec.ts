import type { Page } from '@playwright/test';
import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';
import { signIn, startE2eSyncServer } from './sync-server';

/**
 * Signing out with "Remove this newsroom's stories from this computer"
 * (ADR 0050): the dialog counts what goes and what is not on the server yet,
 * asks to confirm losing it, and the library keeps only stories never
 * synced. A computer reported lost says so in the library.
 */
const SHOT = process.env.LEDE_SIGNOUT_SHOT ?? '/tmp/signout.png';

async function writeStory(page: Page, headline: string, text: string): Promise<void> {
  await newStory(page);
  await page.getByLabel('Headline').fill(headline);
  await body(page).click();
  await page.keyboard.type(text);
  await waitSaved(page);
}

test('sign out and remove the newsroom’s stories: counts, confirmation of unsynced loss, local stories kept', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const server = await startE2eSyncServer();
  try {
    const token = server.addUser('Richard Connor', 'editor');
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await signIn(page, server, token);
    await writeStory(page, 'Harbour strike ends after nine days', 'Dockers voted to return on Monday.');
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });

    // Offline: one more line in the synced story (waiting), and a story never synced.
    await server.stop();
    await body(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' The port reopens at six.');
    await waitSaved(page);
    await page.getByRole('button', { name: /Library/ }).click();
    await writeStory(page, 'Notes for the council piece', 'Only on this laptop.');
    await page.getByRole('button', { name: /Library/ }).click();
    await expect(page.getByRole('button', { name: /^Sync: Offline/ })).toBeVisible({ timeout: 20_000 });

    await page.getByRole('button', { name: /^Sync: Offline/ }).click();
    await page.getByRole('dialog', { name: 'Sync' }).getByRole('button', { name: 'Sign out…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out of sync' });
    await expect(dialog).toBeVisible();
    const remove = dialog.getByRole('checkbox', { name: "Remove this newsroom's stories from this computer" });
    await expect(remove).not.toBeChecked();
    // Keyboard: focus the box and tick it with Space.
    await remove.focus();
    await page.keyboard.press('Space');
    await expect(remove).toBeChecked();
    await expect(dialog.getByText(/Removes 1 story that came from or went to the server/)).toBeVisible();
    await expect(dialog.getByText(/1 story never synced stays/)).toBeVisible();
    const risk = dialog.getByRole('alert').filter({ hasText: 'not reached the server' });
    await expect(risk).toContainText(/\d+ changes? made on this computer have not reached the server/);
    const confirm = dialog.getByRole('checkbox', { name: /^Remove anyway and lose/ });
    await expect(confirm).not.toBeChecked();
    await dialog.screenshot({ path: SHOT });

    // Without the confirmation: refused, with the reason, and focus on the box to tick.
    await dialog.getByRole('button', { name: 'Sign out and remove stories' }).click();
    await expect(dialog.getByText(/Tick the box to confirm/)).toBeVisible();
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(page.getByText(/Signed out\. Removed 1 story from this computer/)).toBeVisible();

    await expect(page.getByRole('option', { name: /Notes for the council piece/ })).toBeVisible();
    await expect(page.getByRole('option', { name: /Harbour strike ends/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Sync: not signed in/ })).toBeVisible();
  } finally {
    await server.dispose();
  }
});

test('a computer reported lost removes the newsroom’s stories at its next connection and says so', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const server = await startE2eSyncServer();
  try {
    const token = server.addUser('Wesley Rahn', 'editor');
    await page.goto(shell.url);
    await createProfile(page, 'Wesley Rahn', 'Editor');
    await signIn(page, server, token);
    await writeStory(page, 'Budget vote delayed', 'Councillors adjourned.');
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: /Library/ }).click();
    await expect(page.getByRole('option', { name: /Budget vote delayed/ })).toBeVisible();

    await server.stop();
    server.loseUser('Wesley Rahn');
    await server.start();
    const notice = page.getByRole('alert').filter({ hasText: 'This computer was reported lost' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('option', { name: /Budget vote delayed/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Sync: not signed in/ })).toBeVisible();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
  } finally {
    await server.dispose();
  }
});
