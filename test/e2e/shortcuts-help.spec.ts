import path from 'node:path';
import { createProfile, expect, newStory, test } from './fixtures';

/** The keyboard shortcuts screen: opened from the keyboard anywhere, and from its button. */
const shots = process.env.LEDE_SHOTS_DIR;

test('the shortcuts screen opens with Ctrl+/ in the library and in the story editor', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');

  await page.keyboard.press('Control+/');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /^Bold/ })).toContainText('Ctrl+B');
  await expect(dialog.getByRole('row', { name: /^Redo/ })).toContainText('Ctrl+Shift+Z');
  await expect(dialog.getByRole('row', { name: /^Redo/ })).toContainText('Ctrl+Y');
  await expect(dialog.getByRole('heading', { name: 'Paragraphs' })).toBeVisible();
  if (shots) await page.screenshot({ path: path.join(shots, 'shortcuts-dialog.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // While writing: the key reaches the app from inside the editor, and Escape returns to the text.
  await newStory(page);
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.click();
  await page.keyboard.type('Moscow');
  await page.keyboard.press('Control+/');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.keyboard.type(' talks');
  await expect(body).toContainText('Moscow talks');
  if (shots) await page.screenshot({ path: path.join(shots, 'story-with-shortcuts-button.png') });

  // And from the button in the top bar.
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});
