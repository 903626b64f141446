import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';

/** Issue 18 item 8: a new story takes the keyboard at once; a clean move to Ready says its checks passed. */
const shots = '/tmp/shots-small';

test('Alt+N opens a new story with the caret in the kicker, the first field of the form', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await page.keyboard.press('Alt+n');
  const kicker = page.getByLabel('Kicker');
  await expect(kicker).toBeFocused();
  await page.keyboard.type('Floods');
  await expect(kicker).toHaveValue('Floods');
  await page.screenshot({ path: `${shots}/new-story-focused.png` });
});

test('a story with nothing to fix moves to Ready and says “All checks passed”', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await newStory(page);
  await page.getByLabel('Headline').fill('Floods close the Rhine to shipping');
  await page.getByLabel('Teaser').fill('Barges are stuck after days of rain.');
  await page.getByRole('combobox', { name: 'Byline' }).fill('Anna Berg');
  await page.getByRole('combobox', { name: 'Byline' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Remove Anna Berg' })).toHaveCount(1);
  await body(page).click();
  await page.keyboard.type('Barges are stuck near Koblenz after days of rain.');
  await waitSaved(page);
  const status = page.getByLabel('Status');
  await status.selectOption({ label: 'In edit' });
  await expect(status).toHaveValue('in_edit');
  await status.selectOption({ label: 'Ready' });
  await expect(status).toHaveValue('ready');
  // In the notifications' live region (role=status), so a screen reader announces it.
  const notifications = page.getByRole('region', { name: 'Notifications' }).getByRole('status');
  await expect(notifications).toContainText('All checks passed. Moved to Ready.');
  await page.screenshot({ path: `${shots}/ready-all-checks-passed.png` });
});
