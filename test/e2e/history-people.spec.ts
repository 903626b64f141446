import { body, createProfile, expect, newStory, test, waitSaved, shot } from './fixtures';
import { signIn, startE2eSyncServer } from './sync-server';

test('the history names who changed the story on the newsroom server, with the time zone', async ({ page, shell }) => {
  test.setTimeout(90_000);
  const server = await startE2eSyncServer();
  try {
    const token = server.addUser('Wesley Rahn', 'editor');
    await page.goto(shell.url);
    await createProfile(page, 'W. R.', 'Editor');
    await page.getByRole('button', { name: /^Sync: not signed in/ }).click();
    await page.keyboard.press('Escape');

    await newStory(page);
    await page.getByLabel('Headline').fill('Budget passes after a long night');
    await body(page).click();
    await page.keyboard.type('The vote was close.');
    await waitSaved(page);
    // Signed out: the panel says quietly why it names nobody.
    await page.getByRole('button', { name: 'History' }).click();
    await expect(page.getByText('Signed out: only the versions taken on this computer are listed. Sign in to the newsroom server to see everyone’s, and who changed what.')).toBeVisible();
    await page.getByRole('button', { name: 'Close history' }).click();

    await signIn(page, server, token);
    // The server has the draft before it moves: a story it first sees at In edit has no move to record.
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });
    const status = page.getByLabel('Status');
    await status.selectOption({ label: 'In edit' });
    await expect(status).toHaveValue('in_edit');
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });

    await page.getByRole('button', { name: 'History' }).click();
    const versions = page.getByRole('list', { name: 'Versions, newest first' });
    await expect(versions.getByRole('listitem').first()).toContainText('Draft → In edit');
    const people = page.getByRole('list', { name: /^(Changed up to this version by|Since the latest version)$/ });
    await expect(people.first()).toBeVisible({ timeout: 20_000 });
    const named = page.locator('.history-people li', { hasText: 'Wesley Rahn' });
    await expect(named.first()).toContainText('edited');
    await expect(page.locator('.history-people li', { hasText: 'moved Draft → In edit' })).toContainText('Wesley Rahn');
    // The server's time, with its zone spelled out.
    await expect(named.first().locator('time')).toHaveText(/\d{2}:\d{2}.*(UTC|GMT|[A-Z]{2,5}|[+-]\d)/);
    await shot(page, 'history-people');
  } finally {
    await server.dispose();
  }
});
