import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';

/**
 * Typing in the browser, "Saved" shown, then the web shell is killed with
 * SIGKILL (no clean-up). The page says it is offline and keeps what is typed
 * meanwhile. Started again on the same data folder, every saved word is
 * there, and what waited in the page arrives once it has reconnected.
 */
test('what the page called saved survives the web shell being killed, and what was typed meanwhile arrives once it is back', async ({ page, shell }) => {
  // Two launches of the shell and a reconnect on top of 30 typed words: on a
  // loaded two-core machine that has taken two minutes.
  test.setTimeout(240_000);
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  await page.getByLabel('Headline').fill('Killed mid-sentence');
  await body(page).click();
  const words = Array.from({ length: 30 }, (_, i) => `word${i}`);
  for (const word of words) await page.keyboard.type(`${word} `);
  await waitSaved(page);
  const url = page.url();
  const storyHash = new URL(url).hash;

  await shell.kill();
  // The page notices, and keeps new typing as waiting changes.
  await page.keyboard.type('after-the-crash');
  await expect(page.locator('.save-indicator')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByRole('alert').filter({ hasText: /Connection to Lede’s core lost/ })).toBeVisible();

  // Started again as a person would, on the same port. Its new link, opened
  // in another tab of the same browser, signs the browser in to the new
  // launch; the page left open reconnects with that session by itself.
  const fresh = await shell.restart({ samePort: true });
  const signIn = await page.context().newPage();
  await signIn.goto(fresh);
  await expect(signIn.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();

  // What was typed while the shell was down arrives without a reload: the
  // page reopens the story on the new connection and sends what waited.
  await expect(page.locator('.save-indicator')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: /Connection to Lede’s core lost/ })).toBeHidden();
  await signIn.close();

  // Read back from the restarted shell: both the words saved before the crash and those typed during it.
  await page.reload();
  expect(new URL(page.url()).hash).toBe(storyHash);
  await expect(page.getByLabel('Headline')).toHaveValue('Killed mid-sentence');
  await expect(body(page)).toContainText('after-the-crash');
  const text = (await body(page).textContent()) ?? '';
  for (const word of words) expect(text).toContain(word);
});
