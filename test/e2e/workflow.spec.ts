import { createProfile, expect, newStory, test, waitSaved } from './fixtures';

/**
 * Status through the inspector: the allowed moves, a refused one explained in
 * words, and "Edited by" credited when an editor moves the story forward.
 */
test('moves a story through the workflow, explains a refused move, credits the editor', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  await page.getByLabel('Headline').fill('Syria’s new leader visits Moscow for talks with Putin');
  // Teaser and byline in place, so the ready checks pass and every move goes straight through.
  await page.getByLabel('Teaser').fill('Syria’s president is visiting Russia seeking to reset ties.');
  const byline = page.getByRole('combobox', { name: 'Byline' });
  await byline.fill('Anna Berg');
  await byline.press('Enter');
  await waitSaved(page);
  const status = page.getByLabel('Status');
  const refusal = page.locator('.status-refusal');

  // Draft cannot jump to Published: refused, with the reason next to the control.
  await status.selectOption({ label: 'Published' });
  await expect(refusal).toHaveText('A story cannot go from Draft to Published. From Draft it moves on to In edit.');
  await expect(status).toHaveValue('draft');

  for (const [label, value] of [
    ['In edit', 'in_edit'],
    ['Ready', 'ready'],
  ] as const) {
    await status.selectOption({ label });
    await expect(status).toHaveValue(value);
    await expect(refusal).toHaveCount(0);
  }
  // A reporter moved it forward: no "Edited by" credit for a reporter.
  await expect(page.getByRole('button', { name: /^Remove Richard Connor$/ })).toHaveCount(0);

  // Publishing is the desk editor's.
  await status.selectOption({ label: 'Published' });
  await expect(refusal).toHaveText('Only a desk editor can publish a story; this one stays Ready.');
  await expect(status).toHaveValue('ready');

  // The same person becomes the desk editor (Settings), publishes, and may take it back to draft.
  await page.getByRole('button', { name: /Library/ }).click();
  await page.getByTitle('Settings').click();
  await page.getByLabel('Newsroom role').selectOption({ label: 'Editor' });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('[data-story-id]').first().click();
  await status.selectOption({ label: 'Published' });
  await expect(status).toHaveValue('published');
  await status.selectOption({ label: 'Draft' });
  await expect(status).toHaveValue('draft');
  await status.selectOption({ label: 'In edit' });
  await expect(status).toHaveValue('in_edit');
  // Forward by an editor: credited once in "Edited by".
  await expect(page.getByRole('button', { name: 'Remove Richard Connor' })).toHaveCount(1);
  await status.selectOption({ label: 'Ready' });
  await expect(status).toHaveValue('ready');
  await expect(page.getByRole('button', { name: 'Remove Richard Connor' })).toHaveCount(1);

  // Spiked from any state; the library shows the status.
  await status.selectOption({ label: 'Spiked' });
  await expect(status).toHaveValue('spiked');
  await page.getByRole('button', { name: /Library/ }).click();
  await expect(page.locator('[data-story-id]').first()).toContainText('Spiked');
  await page.getByLabel('Status').selectOption({ label: 'Spiked' });
  await expect(page.locator('[data-story-id]')).toHaveCount(1);
  await page.getByLabel('Status').selectOption({ label: 'Draft' });
  await expect(page.locator('[data-story-id]')).toHaveCount(0);
});

test('trash and restore a story from the library', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Ana Ruiz', 'Editor');
  await newStory(page);
  await page.getByLabel('Headline').fill('A story to throw away');
  await waitSaved(page);
  await page.getByRole('button', { name: /Library/ }).click();
  const rows = page.locator('[data-story-id]');
  await expect(rows).toHaveCount(1);
  await rows.first().click({ position: { x: 5, y: 5 }, trial: true });
  await page.getByRole('listbox', { name: 'Stories' }).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByText('Moved to trash')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: 'Active', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('A story to throw away');
});
