import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { fixturePath } from '../helpers/fixtures';
import { createProfile, expect, shot, test, waitSaved } from './fixtures';

/**
 * Templates and the figure picker ask before they overwrite (ADR 0062):
 * a preview per photo, "Fill empty fields only" or "Replace existing text"
 * (remembered), one undoable step; a photo chosen for a figure with its own
 * text asks which to keep.
 */

const tiles = (page: Page) => page.locator('.photo-tile:not(.photo-tile-loading)');
/**
 * Waits for the notice and keeps the pointer on it: a notice stays while
 * hovered, so its Undo is still there however slow the steps that follow.
 */
async function holdNotice(page: Page, text: string) {
  const notice = page.getByRole('region', { name: 'Notifications' }).locator('.toast', { hasText: text });
  await expect(notice).toBeVisible();
  await notice.hover();
}

/** Selects a photo with the grid's keys (the pointer stays where it is). */
async function selectWithKeys(page: Page, key: 'Home' | 'End') {
  await page.getByRole('listbox', { name: 'Photos' }).focus();
  await page.keyboard.press(key);
}

/** One field's row in one photo's part of the preview. */
const previewRow = (preview: ReturnType<Page['locator']>, filename: string, field: string) =>
  preview.getByRole('region', { name: filename }).getByRole('row').filter({ has: preview.page().getByRole('rowheader', { name: field, exact: true }) });
const EXIF_CAPTION = /^DECEMBER 06: Wigan Athletic chairman Dave Whelan takes his seat/;
const EXIF_CREDIT = 'Daniel Chesterton/phcimages.com';

async function importTwoPhotos(page: Page) {
  await page.getByRole('button', { name: 'Photo desk' }).click();
  await page.getByLabel('Photos to import').setInputFiles([fixturePath('images', 'exif.JPG'), fixturePath('images', 'nometa.jpg')]);
  await expect(page.getByText('Import finished: 2 photos added')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Sort').selectOption({ label: 'File name' });
  await expect(tiles(page)).toHaveCount(2);
  await expect(tiles(page).nth(0).locator('.photo-tile-name')).toHaveText('exif.JPG');
}

test('a template previews its changes, fills empty fields only or replaces as chosen, and is undone in one step', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Ana Lima', 'Photo editor');
  await importTwoPhotos(page);
  // The side panel's fields (the template dialog has fields of the same names).
  const details = page.getByRole('complementary', { name: 'Photo details' });
  const caption = details.getByLabel('Caption', { exact: true });
  const credit = details.getByLabel('Credit', { exact: true });
  const exif = tiles(page).nth(0);
  const nometa = tiles(page).nth(1);

  await exif.click();
  await nometa.click({ modifiers: ['Shift'] });
  await expect(page.getByRole('heading', { name: '2 photos selected' })).toBeVisible();
  await page.getByRole('button', { name: 'Apply template…' }).click();
  const templates = page.getByRole('dialog', { name: 'Caption templates' });
  await templates.getByLabel('Template name').fill('Desk pick');
  await templates.getByRole('textbox', { name: 'Caption', exact: true }).fill('{city}: Photo desk pick ({creator})');
  await templates.getByRole('textbox', { name: 'Credit', exact: true }).fill('Lede Photo Desk');
  await templates.getByRole('button', { name: 'Save template' }).click();
  await templates.getByRole('button', { name: 'Apply to 2 photos' }).click();

  // The preview: per photo, field, current and new; the photo that has text keeps it by default.
  const preview = page.getByRole('dialog', { name: 'Apply “Desk pick”' });
  await expect(preview.getByRole('radio', { name: 'Fill empty fields only' })).toBeChecked();
  await expect(previewRow(preview, 'exif.JPG', 'Caption')).toContainText('Kept: not empty');
  await expect(previewRow(preview, 'exif.JPG', 'Credit').getByRole('cell').nth(0)).toHaveText(EXIF_CREDIT);
  // An empty city and creator take their colon and brackets with them.
  await expect(previewRow(preview, 'nometa.jpg', 'Caption').getByRole('cell')).toHaveText(['(empty)', 'Photo desk pick']);
  await expect(preview.getByRole('status')).toHaveText('2 fields change on 1 photo. 2 fields are left as they are because they have text.');
  await shot(page, 'template-preview-fill-empty');

  // Replace: the preview is computed again, the choice is remembered.
  await preview.getByRole('radio', { name: 'Replace existing text' }).check();
  await expect(previewRow(preview, 'exif.JPG', 'Caption').getByRole('cell').nth(0)).toHaveText(EXIF_CAPTION);
  await expect(previewRow(preview, 'exif.JPG', 'Caption').getByRole('cell').nth(1)).toHaveText('Wigan: Photo desk pick (Daniel Chesterton)');
  await shot(page, 'template-preview-replace');
  await preview.getByRole('radio', { name: 'Fill empty fields only' }).check();
  await preview.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(templates).toBeHidden();
  await holdNotice(page, '“Desk pick” applied to 1 photo. 2 fields with text kept.');

  await selectWithKeys(page, 'Home');
  await expect(caption).toHaveValue(EXIF_CAPTION);
  await expect(credit).toHaveValue(EXIF_CREDIT);
  await selectWithKeys(page, 'End');
  await expect(caption).toHaveValue('Photo desk pick');
  await expect(credit).toHaveValue('Lede Photo Desk');

  // "Undo" in the notice takes it back.
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('“Desk pick” undone on 1 photo.');
  await expect(caption).toHaveValue('');
  await expect(credit).toHaveValue('');

  // Replace existing text, then Ctrl+Z on the desk: both photos back in one step.
  await exif.click();
  await nometa.click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Apply template…' }).click();
  await expect(templates.getByLabel('Template name')).toHaveValue('Desk pick');
  await templates.getByRole('button', { name: 'Apply to 2 photos' }).click();
  await preview.getByRole('radio', { name: 'Replace existing text' }).check();
  await preview.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(templates).toBeHidden();
  await holdNotice(page, '“Desk pick” applied to 2 photos.');
  await shot(page, 'template-applied-notice');
  await selectWithKeys(page, 'Home');
  await expect(caption).toHaveValue('Wigan: Photo desk pick (Daniel Chesterton)');
  await expect(credit).toHaveValue('Lede Photo Desk');
  // In a text field, Ctrl+Z is the field's own undo: the template stays.
  await caption.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(caption).toHaveValue('Wigan: Photo desk pick (Daniel Chesterton)');
  await page.getByRole('listbox', { name: 'Photos' }).focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('“Desk pick” undone on 2 photos.');
  await expect(caption).toHaveValue(EXIF_CAPTION);
  await expect(credit).toHaveValue(EXIF_CREDIT);
  await nometa.click();
  await expect(caption).toHaveValue('');

  // Undo leaves a field someone changed after the template.
  await page.getByRole('button', { name: 'Apply template…' }).click();
  await templates.getByRole('button', { name: 'Apply to 1 photo' }).click();
  await expect(preview.getByRole('radio', { name: 'Replace existing text' })).toBeChecked();
  await preview.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(templates).toBeHidden();
  await holdNotice(page, '“Desk pick” applied to 1 photo.');
  await expect(caption).toHaveValue('Photo desk pick');
  await caption.fill('Empty stands before kick-off');
  await caption.press('Tab');
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' })).toHaveCount(1);
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('“Desk pick” undone on 1 photo. 1 field changed since was left as it is.');
  await expect(credit).toHaveValue('');
  await expect(caption).toHaveValue('Empty stands before kick-off');

  // The choice is remembered on the next visit to the desk.
  await page.getByRole('button', { name: '← Stories' }).click();
  await page.getByRole('button', { name: 'Photo desk' }).click();
  await tiles(page).nth(1).click();
  await page.getByRole('button', { name: 'Apply template…' }).click();
  await templates.getByRole('button', { name: 'Apply to 1 photo' }).click();
  await expect(preview.getByRole('radio', { name: 'Replace existing text' })).toBeChecked();
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toBeHidden();
  await expect(templates).toBeVisible();
});

test('choosing a photo for an imported figure with its own text asks which to keep', async ({ page, shell }, testInfo) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await importTwoPhotos(page);
  await page.getByRole('button', { name: '← Stories' }).click();

  // A story from the web: its picture was not downloaded, the figure keeps caption, credit and alt text.
  const file = testInfo.outputPath('wigan.html');
  fs.writeFileSync(
    file,
    `<!doctype html><html><head><title>Wigan</title></head><body><h1>Whelan watches from the stands</h1><p>The chairman came early.</p>
     <figure><img src="https://images.example.org/wigan.jpg" alt="Dave Whelan in the stands"><figcaption>Dave Whelan before the <em>derby</em> <span class="credit">Our Stringer</span></figcaption></figure>
     <p>More text.</p></body></html>`,
  );
  await page.getByLabel('File to import').setInputFiles(file);
  await expect(page.getByLabel('Headline')).toHaveValue('Whelan watches from the stands');
  const figure = page.getByRole('group', { name: 'Figure' });
  await expect(figure.getByLabel('Credit')).toHaveValue('Our Stringer');
  await expect(figure.locator('figcaption')).toHaveText('Dave Whelan before the derby');

  const picker = page.getByRole('dialog', { name: 'Insert a photo' });
  const question = page.getByRole('dialog', { name: 'Keep the figure’s own text?' });
  const choose = async () => {
    await figure.getByRole('button', { name: 'Choose photo…' }).click();
    await picker.getByLabel('Search photos').fill('wigan');
    await picker.getByRole('button', { name: 'Insert exif.JPG' }).click();
    await expect(question).toBeVisible();
  };

  // Cancel leaves the figure as it was: no photo, its own text.
  await choose();
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(figure.getByRole('img', { name: 'No image chosen yet' })).toBeVisible();
  await expect(figure.getByLabel('Credit')).toHaveValue('Our Stringer');

  await choose();
  await expect(question.getByRole('group', { name: 'Caption' }).getByRole('radio', { name: 'Keep the figure’s caption' })).toBeChecked();
  await expect(question.getByRole('group', { name: 'Caption' })).toContainText('DECEMBER 06: Wigan Athletic chairman');
  await expect(question.getByRole('group', { name: 'Credit' }).getByRole('radio', { name: 'Keep the figure’s credit' })).toBeChecked();
  await expect(question.getByRole('group', { name: 'Credit' })).toContainText(EXIF_CREDIT);
  await shot(page, 'figure-photo-choice');

  await question.getByRole('radio', { name: 'Use the photo’s credit' }).check();
  await question.getByRole('button', { name: 'Use this photo' }).click();
  await expect(question).toBeHidden();
  await expect(figure.locator('img')).toHaveAttribute('src', /^\/media\/[0-9a-f]{64}\/preview$/);
  await expect(figure.locator('figcaption')).toHaveText('Dave Whelan before the derby');
  await expect(figure.locator('figcaption em')).toHaveText('derby');
  await expect(figure.getByLabel('Credit')).toHaveValue(EXIF_CREDIT);
  await expect(figure.getByLabel('Alt text')).toHaveValue('Dave Whelan in the stands');
  await waitSaved(page);
  await figure.getByLabel('Alt text').scrollIntoViewIfNeeded();
  await shot(page, 'figure-photo-chosen');
});

test('a template whose text would grow past a field’s limit is refused in the preview, and no photo changes', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Ana Lima', 'Photo editor');
  await importTwoPhotos(page);
  await tiles(page).nth(0).click();
  await page.getByRole('button', { name: 'Apply template…' }).click();
  const templates = page.getByRole('dialog', { name: 'Caption templates' });
  // Within the limit as typed; past it once {caption} is filled in with the agency's caption.
  await templates.getByRole('textbox', { name: 'Caption', exact: true }).fill(`${'x'.repeat(19_990)} {caption}`);
  await templates.getByRole('button', { name: 'Apply to 1 photo' }).click();
  const preview = page.getByRole('dialog', { name: 'Apply “New template”' });
  // Said before sending, in either mode (every filled-in value is sent); Apply cannot be pressed.
  await expect(preview.getByRole('alert')).toHaveText(/^Too long once filled in: Caption of exif\.JPG\. A field holds at most 20,000 characters/);
  await expect(preview.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await preview.getByRole('radio', { name: 'Replace existing text' }).check();
  await expect(preview.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await shot(page, 'template-preview-refused');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await templates.getByRole('button', { name: 'Close' }).click();
  await expect(templates).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Photo details' }).getByLabel('Caption', { exact: true })).toHaveValue(EXIF_CAPTION);
});
