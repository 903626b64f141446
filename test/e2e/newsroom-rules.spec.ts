import { body, createProfile, expect, newStory, test, waitSaved, shot } from './fixtures';
import { signIn, startE2eSyncServer } from './sync-server';

/**
 * The newsroom's rules as the author sees them: the role and desk come from
 * the account, and a publish made offline by someone who is no longer a
 * desk editor by the time it syncs is refused by the server, undone on the
 * laptop and explained on the story — the words typed offline still arrive.
 */
test('a publish the newsroom refused is undone and explained to its author', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const server = await startE2eSyncServer();
  try {
    server.cli(['desk', 'add', 'Politics']);
    const token = server.addUser('Rita Berg', 'editor', ['Politics']);
    await page.goto(shell.url);
    // The profile says reporter; the account (a desk editor) decides once signed in.
    await createProfile(page, 'Rita', 'Reporter');
    await signIn(page, server, token);
    await page.getByRole('button', { name: /^Sync: Synced/ }).click();
    const syncDialog = page.getByRole('dialog');
    await expect(syncDialog.getByText('Desk editor')).toBeVisible();
    await expect(syncDialog.getByText('Politics')).toBeVisible();
    await shot(page, 'rules-account');
    await syncDialog.getByRole('button', { name: 'Done' }).click();

    await newStory(page);
    await page.getByLabel('Headline').fill('Minister resigns over contracts');
    await page.getByLabel('Teaser').fill('The minister stepped down on Tuesday after weeks of pressure.');
    const byline = page.getByRole('combobox', { name: 'Byline' });
    await byline.fill('Rita Berg');
    await byline.press('Enter');
    await body(page).click();
    await page.keyboard.type('The minister resigned on Tuesday.');
    await waitSaved(page);
    await expect(page.getByLabel('Desk')).toHaveValue('Politics');
    const status = page.getByLabel('Status');
    await status.selectOption({ label: 'In edit' });
    await expect(status).toHaveValue('in_edit');
    await status.selectOption({ label: 'Ready' });
    await expect(status).toHaveValue('ready');
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });

    // On the train: one more sentence, then publish (still a desk editor as far as the laptop knows).
    await server.stop();
    await body(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Written on the train.');
    await waitSaved(page);
    await status.selectOption({ label: 'Published' });
    await expect(status).toHaveValue('published');
    // Meanwhile the newsroom makes her a reporter.
    server.cli(['user', 'set-role', 'Rita Berg', '--role', 'reporter']);
    await server.start();

    const notice = page.getByRole('region', { name: 'Changes the newsroom refused' }).getByRole('alert');
    await expect(notice).toContainText('Your move to Published was refused by the newsroom: only a desk editor can publish a story; this one stays Ready.', {
      timeout: 30_000,
    });
    await expect(status).toHaveValue('ready');
    await expect(body(page)).toContainText('Written on the train.');
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });
    await shot(page, 'rules-refused-publish');
    await notice.getByRole('button', { name: /^Dismiss/ }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await server.dispose();
  }
});
