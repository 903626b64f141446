import fs from 'node:fs';
import { buildDocx } from '../helpers/docx';
import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';

/**
 * The ready checklist (fail, fix, move), read-only published stories, the
 * history with its diff and a restore, and files in and out: a Word file
 * imported as a draft, the story exported as HTML and ninjs.
 */

const shots = process.env.LEDE_SHOTS_DIR;
async function shot(page: import('@playwright/test').Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
}

test('moving to ready shows the checklist; fixing the story ticks it off; then it moves', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await newStory(page);
  await page.getByLabel('Headline').fill('Floods close the Rhine to shipping TK');
  await body(page).click();
  await page.keyboard.type('Barges are stuck near Koblenz after days of rain.');
  await waitSaved(page);
  const status = page.getByLabel('Status');
  await status.selectOption({ label: 'In edit' });
  await expect(status).toHaveValue('in_edit');

  await status.selectOption({ label: 'Ready' });
  const checklist = page.getByRole('region', { name: 'Before moving to Ready' });
  await expect(checklist).toBeVisible();
  await expect(status).toHaveValue('in_edit');
  await expect(checklist.getByRole('status')).toHaveText('1 problem blocks the move. Fix it first.');
  const move = checklist.getByRole('button', { name: /^Move to Ready/ });
  await expect(move).toBeDisabled();
  await expect(checklist.locator('[data-rule="teaser-present"]')).toContainText('The story has no teaser.');
  await expect(checklist.locator('[data-rule="byline-present"]')).toContainText('The story has no byline.');
  await shot(page, 'checklist-failing');

  // Each problem links to its place: the placeholder takes the person to the headline.
  await checklist.getByRole('button', { name: 'The headline still holds “TK”.' }).click();
  await expect(page.getByLabel('Headline')).toBeFocused();
  await page.getByLabel('Headline').fill('Floods close the Rhine to shipping');
  await expect(checklist.getByRole('status')).toHaveText('Only warnings left: check them, then confirm the move.');
  await expect(move).toHaveText('Move to Ready anyway');
  await checklist.getByRole('button', { name: 'The story has no byline.' }).click();
  await expect(page.getByRole('combobox', { name: 'Byline' })).toBeFocused();
  await page.getByRole('combobox', { name: 'Byline' }).fill('Anna Berg');
  await page.getByRole('combobox', { name: 'Byline' }).press('Enter');
  await page.getByLabel('Teaser').fill('Barges are stuck after days of rain.');
  await expect(checklist.getByRole('status')).toHaveText('All checks passed. Ready to move to Ready.');
  await shot(page, 'checklist-passing');
  await move.click();
  await expect(status).toHaveValue('ready');
  await expect(checklist).toHaveCount(0);
  // An editor moved it forward: credited in "Edited by".
  await expect(page.getByRole('button', { name: 'Remove Wesley Rahn' })).toHaveCount(1);

  // Published: read-only, with the way back for an editor.
  await status.selectOption({ label: 'Published' });
  await expect(status).toHaveValue('published');
  const notice = page.getByRole('note');
  await expect(notice).toContainText('This story is published and read-only.');
  await expect(page.getByLabel('Headline')).toHaveAttribute('readonly', '');
  await expect(body(page)).toHaveAttribute('contenteditable', 'false');
  await shot(page, 'published-read-only');
  await notice.getByRole('button', { name: 'Move back to Draft' }).click();
  await expect(status).toHaveValue('draft');
  await expect(page.getByLabel('Headline')).not.toHaveAttribute('readonly', '');
});

test('history lists versions, shows what changed and, once confirmed, restores last night’s teaser as a new change, taking the Ready story back to In edit', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await newStory(page);
  await page.getByLabel('Headline').fill('Budget passes after a long night');
  await page.getByLabel('Teaser').fill('Parliament passed the budget at 3 a.m.');
  await body(page).click();
  await page.keyboard.type('The vote was close.');
  await waitSaved(page);
  const status = page.getByLabel('Status');
  await status.selectOption({ label: 'In edit' });
  await expect(status).toHaveValue('in_edit');
  await page.getByLabel('Teaser').fill('A teaser the desk rewrote in the morning.');
  await body(page).press('End');
  await page.keyboard.type(' Very close.');
  await waitSaved(page);
  await status.selectOption({ label: 'Ready' });
  // No byline: a warning the desk moves past.
  await page.getByRole('region', { name: 'Before moving to Ready' }).getByRole('button', { name: 'Move to Ready anyway' }).click();
  await expect(status).toHaveValue('ready');

  await page.getByRole('button', { name: 'History' }).click();
  const versions = page.getByRole('list', { name: 'Versions, newest first' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').first()).toContainText('Status changed: In edit → Ready');
  await expect(versions.getByRole('listitem').first()).toContainText('Wesley Rahn');
  await shot(page, 'history-panel');
  await versions.getByRole('button', { name: /Draft → In edit/ }).click();

  const dialog = page.getByRole('dialog', { name: /^Version of / });
  await expect(dialog).toBeVisible();
  const teaser = dialog.locator('.diff-field', { hasText: 'Teaser' });
  // Word by word: what this version had is struck through, what came since is marked as added.
  await expect(teaser.locator('del')).toHaveText('Parliament passed the budget at 3 a.m');
  await expect(teaser.locator('ins')).toHaveText('A teaser the desk rewrote in the morning');
  await expect(dialog.locator('.diff-block-changed ins')).toContainText('Very close');
  // Each change names who made it, and "Changes by" narrows the comparison to one person.
  await expect(teaser.locator('.diff-by')).toHaveText('by Wesley Rahn');
  await expect(dialog.locator('.diff-block-changed .diff-by')).toHaveText('by Wesley Rahn');
  const changesBy = dialog.getByLabel('Changes by');
  await expect(changesBy.locator('option')).toHaveText(['Everyone', 'Wesley Rahn']);
  await changesBy.selectOption({ label: 'Wesley Rahn' });
  await expect(teaser).toBeVisible();
  await expect(dialog.locator('.diff-block-changed')).toHaveCount(1);
  await shot(page, 'history-diff');
  await dialog.getByRole('button', { name: 'Restore teaser' }).click();
  // Nothing happens until the person confirms, told what becomes of the story's status.
  const confirm = page.getByRole('alertdialog', { name: 'Restore the teaser?' });
  await expect(confirm).toContainText('The story moves from Ready back to In edit');
  await expect(confirm).toContainText('by Wesley Rahn');
  await shot(page, 'history-restore-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByLabel('Teaser')).toHaveValue('A teaser the desk rewrote in the morning.');
  await dialog.getByRole('button', { name: 'Restore teaser' }).click();
  await confirm.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(/Restored the teaser from the version of .*\. The story is back In edit\./)).toBeVisible();
  await expect(versions.getByRole('listitem').first()).toContainText('In edit');
  await expect(page.getByLabel('Teaser')).toHaveValue('Parliament passed the budget at 3 a.m.');
  // Only the teaser came back; the body keeps the morning's words.
  await expect(body(page)).toContainText('The vote was close. Very close.');
  await expect(versions.getByRole('listitem').first()).toContainText(/Restored: teaser from the version of \w{3}/);
  // Times as a person reads them, never the raw ISO instant.
  await expect(versions).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}/);
  await waitSaved(page);
  await page.getByRole('button', { name: 'Close history' }).click();
  await expect(status).toHaveValue('in_edit');
  await page.reload();
  await expect(page.getByLabel('Teaser')).toHaveValue('Parliament passed the budget at 3 a.m.');
});

test('a Word file becomes a draft; the story exports as HTML and ninjs', async ({ page, shell }, testInfo) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  const file = testInfo.outputPath('stringer.docx');
  fs.writeFileSync(
    file,
    buildDocx([
      { kind: 'title', runs: [{ text: 'Floods close the Rhine to shipping' }] },
      { kind: 'paragraph', runs: [{ text: 'Barges are stuck near ' }, { text: 'Koblenz', bold: true }, { text: '.' }] },
      { kind: 'heading1', runs: [{ text: 'What shippers say' }] },
      { kind: 'bullet', runs: [{ text: 'Cargo waits in Rotterdam' }] },
      { kind: 'paragraph', runs: [{ text: 'See the ' }, { text: 'notice', link: 'https://www.example.org/rhine' }, { text: '.' }] },
      { kind: 'picture', alt: 'Barges moored at Koblenz' },
    ]),
  );
  await page.getByLabel('File to import').setInputFiles(file);
  await expect(page.getByLabel('Headline')).toHaveValue('Floods close the Rhine to shipping');
  await expect(page.getByText(/Imported “stringer\.docx” \(Word document\) as a new draft\./)).toBeVisible();
  await expect(body(page).locator('strong')).toHaveText('Koblenz');
  await expect(body(page).locator('h2')).toHaveText('What shippers say');
  await expect(body(page).locator('ul li')).toHaveText('Cargo waits in Rotterdam');
  await expect(body(page).locator('a[href="https://www.example.org/rhine"]')).toHaveText('notice');
  // The picture inside the Word file went into the photo library and shows in its figure.
  const figure = page.getByRole('group', { name: 'Figure' });
  await expect(figure).toBeVisible();
  await expect(figure.locator('img')).toHaveAttribute('src', /\/media\/[0-9a-f]{64}\//);
  await expect(figure.getByLabel('Alt text')).toHaveValue('Barges moored at Koblenz');
  await shot(page, 'imported-docx');

  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export story' });
  await shot(page, 'export-dialog');
  const [html] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: /HTML page/ }).click()]);
  expect(html.suggestedFilename()).toBe('floods-close-the-rhine-to-shipping.html');
  const page1 = fs.readFileSync((await html.path())!, 'utf8');
  expect(page1).toContain('<h1>Floods close the Rhine to shipping</h1>');
  expect(page1).toContain('<p>Barges are stuck near <strong>Koblenz</strong>.</p>');
  await page.getByRole('button', { name: 'Export…' }).click();
  const [ninjs] = await Promise.all([page.waitForEvent('download'), page.getByRole('dialog', { name: 'Export story' }).getByRole('button', { name: /ninjs/ }).click()]);
  const item = JSON.parse(fs.readFileSync((await ninjs.path())!, 'utf8')) as { headlines: Array<{ value: string }>; pubstatus: string };
  expect(item.headlines[0]!.value).toBe('Floods close the Rhine to shipping');
  expect(item.pubstatus).toBe('withheld');
});
