import { body, createProfile, expect, newStory, test, waitSaved, shot } from './fixtures';
import { openSecondLaptop } from './second-laptop';
import { signIn, startE2eSyncServer } from './sync-server';

test('two workstations, one server: typed while the server is down, the text reaches the other once it is back', async ({ page, shell, browser }) => {
  test.setTimeout(120_000);
  const server = await startE2eSyncServer();
  const laptopB = await openSecondLaptop(browser);
  const pageB = laptopB.page;
  try {
    const tokenA = server.addUser('Richard Connor', 'editor');
    const tokenB = server.addUser('Wesley Rahn', 'editor');

    await page.goto(shell.url);
    await createProfile(page, 'Richard', 'Reporter');
    await page.getByRole('button', { name: /^Sync: not signed in/ }).click();
    await shot(page, 'sign-in');
    await page.keyboard.press('Escape');
    await signIn(page, server, tokenA);
    // The account's name replaces the one typed on first start.
    await expect(page.getByRole('button', { name: /Richard Connor/ })).toBeVisible();

    await pageB.goto(laptopB.url);
    await createProfile(pageB, 'Wesley Rahn', 'Editor');
    await signIn(pageB, server, tokenB);

    await newStory(page);
    await page.getByLabel('Headline').fill('Syria’s new leader visits Moscow');
    await body(page).click();
    await page.keyboard.type('Before the tunnel.');
    await waitSaved(page);
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });

    // The story arrives in the other library, badge and all, and opens there.
    const row = pageB.getByRole('option', { name: /Syria’s new leader visits Moscow/ });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row.locator('.sync-badge')).toHaveText(/Synced/);
    await shot(pageB, 'library-synced');
    await row.click();
    await expect(body(pageB)).toContainText('Before the tunnel.');
    // Each sees who else has the story open.
    await expect(page.getByRole('group', { name: 'Also editing: Wesley Rahn' })).toBeVisible({ timeout: 20_000 });
    await shot(page, 'story-presence');

    // The server goes away; A keeps writing, and says so.
    await server.stop();
    await body(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Written in the tunnel.');
    await waitSaved(page);
    await expect(page.getByRole('button', { name: /^Sync: Offline — 1 story waiting to sync$/ })).toBeVisible({ timeout: 20_000 });
    await shot(page, 'story-offline');
    await expect(body(pageB)).not.toContainText('Written in the tunnel.');

    // Back: the text appears on the other computer, and A says Synced only once it is stored.
    await server.start();
    await expect(body(pageB)).toContainText('Before the tunnel. Written in the tunnel.', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: /^Sync: Synced/ }).click();
    await expect(page.getByRole('dialog', { name: 'Sync' })).toContainText('Richard Connor');
    await shot(page, 'sync-dialog');
  } finally {
    await laptopB.close();
    await server.dispose();
  }
});

test('a wrong token and a server that is not there are refused in the sign-in form, with the reason', async ({ page, shell }) => {
  const server = await startE2eSyncServer();
  try {
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await page.getByRole('button', { name: /^Sync: not signed in/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to your newsroom' });
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog.getByText('Enter the address newsroom IT gave you')).toBeVisible();
    await dialog.getByLabel('Server address').fill('http://127.0.0.1:9');
    await dialog.getByLabel('Access token').fill('lede_nope');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog.getByText(/could not reach a sync server/)).toBeVisible();
    await dialog.getByLabel('Server address').fill(server.url);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog.getByText(/did not accept this token/)).toBeVisible();
    await shot(page, 'sign-in-refused');
    await expect(page.getByRole('button', { name: /^Sync: not signed in/ })).toBeVisible();
  } finally {
    await server.dispose();
  }
});
