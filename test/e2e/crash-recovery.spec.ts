import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';

/**
 * Typing in the browser, "Saved" shown, then the web shell is killed with
 * SIGKILL (no clean-up). Started again on the same data folder, every saved
 * word is there; the page meanwhile says it is offline and keeps what waits.
 */
test('what the page called saved survives the web shell being killed', async ({ page, shell }) => {
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

  const fresh = await shell.restart();
  await page.goto(fresh);
  // Signed in to the new launch (the token in the address is traded first).
  await expect(page.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();
  await page.evaluate((hash) => (location.hash = hash), storyHash);
  await expect(page.getByLabel('Headline')).toHaveValue('Killed mid-sentence');
  const text = (await body(page).textContent()) ?? '';
  for (const word of words) expect(text).toContain(word);
});
