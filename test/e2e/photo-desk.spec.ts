import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { fixturePath, fixturesDir } from '../helpers/fixtures';
import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';

const tiles = (page: Page) => page.locator('.photo-tile:not(.photo-tile-loading)');
const tile = (page: Page, filename: string) => page.locator(`.photo-tile[aria-label^="${filename}"]`);
const shotsDir = process.env.LEDE_SHOTS_DIR;

/**
 * HTML5 drag and drop as the browser does it: the item's dragstart fills a
 * DataTransfer, the editor's drop reads it at the pointer. (Playwright's
 * mouse-driven dragTo does not carry custom drag data into the editor.)
 */
async function dragPhotoIntoBody(page: Page, item: ReturnType<Page['locator']>) {
  const target = await body(page).boundingBox();
  await item.evaluate(
    (element, point) => {
      const data = new DataTransfer();
      element.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, cancelable: true }));
      const editor = document.querySelector('[aria-label="Body"][contenteditable="true"]')!;
      const at = { clientX: point.x, clientY: point.y, dataTransfer: data, bubbles: true, cancelable: true };
      editor.dispatchEvent(new DragEvent('dragover', at));
      editor.dispatchEvent(new DragEvent('drop', at));
      element.dispatchEvent(new DragEvent('dragend', { dataTransfer: data, bubbles: true }));
    },
    { x: target!.x + 20, y: target!.y + target!.height - 8 },
  );
}

async function screenshot(page: Page, name: string, outputPath: (name: string) => string) {
  await page.screenshot({ path: outputPath(name) });
  if (shotsDir) {
    fs.mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: path.join(shotsDir, name) });
  }
}

test('import the fixtures folder, batch-caption with a template, fix a credit with a code', async ({ page, shell }, testInfo) => {
  await page.goto(shell.url);
  await createProfile(page, 'Ana Lima', 'Photo editor');
  await page.getByRole('button', { name: 'Photo desk' }).click();
  await expect(page.getByRole('heading', { name: 'No photos yet' })).toBeVisible();

  await page.getByLabel('Folder to import').setInputFiles(path.join(fixturesDir(), 'images'));
  await expect(page.getByText('Import finished: 9 photos added, 1 refused')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.import-errors')).toContainText('malformedchunks.png: The image data is damaged');
  await expect(tiles(page)).toHaveCount(9);
  await expect(page.locator('.library-count')).toHaveText('9 photos');

  // Reading: the MacRoman IIM file shows its XMP caption.
  await tile(page, 'metapm.jpg').click();
  await expect(page.getByLabel('Caption', { exact: true })).toHaveValue('José Mourinho');
  await expect(page.getByLabel('Credit', { exact: true })).toHaveValue('Photographer/Agency');

  // Three photos by file name: click, then shift-click.
  await page.getByLabel('Sort').selectOption({ label: 'File name' });
  await tiles(page).nth(0).click();
  await tiles(page).nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('heading', { name: '3 photos selected' })).toBeVisible();
  await expect(page.getByLabel('Caption', { exact: true })).toHaveAttribute('placeholder', /Mixed values/);

  await page.getByRole('button', { name: 'Apply template…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Caption templates' });
  await dialog.getByLabel('Template name').fill('Match day');
  await dialog.getByRole('textbox', { name: 'Caption', exact: true }).fill('{city} — photo {seq} ({filename})');
  await dialog.getByRole('textbox', { name: 'Credit', exact: true }).fill('Lede Photo Desk');
  await dialog.getByRole('textbox', { name: 'Headline', exact: true }).fill('Not applied');
  await dialog.getByLabel('Apply Headline').uncheck();
  await dialog.getByRole('button', { name: 'Save template' }).click();
  await dialog.getByRole('button', { name: 'Apply to 3 photos' }).click();
  // These photos have captions of their own: the preview asks, and this desk replaces them.
  const preview = page.getByRole('dialog', { name: 'Apply “Match day”' });
  await preview.getByRole('radio', { name: 'Replace existing text' }).check();
  await preview.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Credit', { exact: true })).toHaveValue('Lede Photo Desk');
  await expect(tiles(page).nth(0).locator('.photo-tile-name')).toHaveText('exif.JPG');
  await tiles(page).nth(0).click();
  await expect(page.getByLabel('Caption', { exact: true })).toHaveValue('Wigan — photo 1 (exif)');
  await tiles(page).nth(2).click();
  await expect(page.getByLabel('Caption', { exact: true })).toHaveValue('Kingston — photo 3 (exiftool-IPTC)');
  await expect(page.getByLabel('Headline', { exact: true })).not.toHaveValue('Not applied');

  // Copy one photo's caption to others: the last photo clicked is the source.
  await tiles(page).nth(4).click();
  await tiles(page).nth(3).click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Copy caption to selection' }).click();
  await expect(page.getByText(/copied to 1 photo\./)).toBeVisible();
  await expect(page.getByLabel('Caption', { exact: true })).not.toHaveAttribute('placeholder', /Mixed/);
  const copied = await page.getByLabel('Caption', { exact: true }).inputValue();
  await tiles(page).nth(4).click();
  await expect(page.getByLabel('Caption', { exact: true })).toHaveValue(copied);

  // Code replacement, typed in a field: =afp= becomes the agency credit.
  await page.getByRole('button', { name: 'Codes…' }).click();
  const codes = page.getByRole('dialog', { name: 'Code replacements' });
  await codes.getByLabel('Code 1', { exact: true }).fill('afp');
  await codes.getByLabel('Text for code 1').fill('AFP/Getty Images');
  await codes.getByRole('button', { name: 'Save codes' }).click();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Missing credit' });
  // Counted once the filtered list has arrived (not the nine shown before it).
  await expect(page.locator('.library-count')).not.toHaveText(/^9 photos/);
  const missing = await tiles(page).count();
  expect(missing).toBeGreaterThan(0);
  await tiles(page).nth(0).click();
  const credit = page.getByLabel('Credit', { exact: true });
  await credit.click();
  await credit.pressSequentially('=afp=');
  await expect(credit).toHaveValue('AFP/Getty Images');
  await credit.press('Enter');
  await expect(tiles(page)).toHaveCount(missing - 1);

  // A credit longer than IPTC's 32 bytes is shown at once, in bytes.
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'All photos' });
  // Clicked once the whole list has arrived: before that, the tile under the pointer can still change.
  await expect(page.locator('.library-count')).toHaveText(/^9 photos/);
  await expect(tiles(page)).toHaveCount(9);
  await tile(page, 'nometa.jpg').click();
  await expect(page.getByRole('heading', { name: 'nometa.jpg' })).toBeVisible();
  await credit.fill('Agência Brasileira de Notícias/ABN');
  await expect(page.locator('[data-field="credit"] .field-error')).toHaveText('36 / 32 bytes');
  await credit.press('Enter');
  await expect(tile(page, 'nometa.jpg').locator('.flag-error')).toHaveText('Too long');

  // Keyboard: Ctrl+A selects every photo.
  await page.getByRole('listbox', { name: 'Photos' }).focus();
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('heading', { name: '9 photos selected' })).toBeVisible();
  await screenshot(page, 'photo-desk.png', (name) => testInfo.outputPath(name));
});

test('a photo goes into a story as a figure whose caption, credit and alt text are the story’s own', async ({ page, shell }, testInfo) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await page.getByRole('button', { name: 'Photo desk' }).click();
  await page.getByLabel('Photos to import').setInputFiles([fixturePath('images', 'metapm.jpg'), fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg')]);
  await expect(page.getByText('Import finished: 2 photos added')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '← Stories' }).click();
  await newStory(page);

  // From the editor's Photo picker.
  await body(page).click();
  await page.getByRole('button', { name: 'Photo', exact: true }).click();
  const picker = page.getByRole('dialog', { name: 'Insert a photo' });
  await picker.getByLabel('Search photos').fill('mourinho');
  await picker.getByRole('button', { name: 'Insert metapm.jpg' }).click();
  const figures = body(page).locator('figure');
  await expect(figures).toHaveCount(1);
  await expect(figures.first().locator('figcaption')).toHaveText('José Mourinho');
  await expect(figures.first().getByLabel('Credit')).toHaveValue('Photographer/Agency');
  await expect(figures.first().getByLabel('Alt text')).toHaveValue('');
  await expect(figures.first().locator('img')).toHaveAttribute('src', /^\/media\/[0-9a-f]{64}\/preview$/);
  // Import made no preview; showing the figure has it made, and the picture appears.
  await expect.poll(() => figures.first().locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  // Dragged from the story's Photos panel.
  await page.getByRole('button', { name: 'Photos', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Photos for this story' });
  await dragPhotoIntoBody(page, panel.locator('.photo-picker-item', { hasText: 'The description aka caption' }));
  await expect(figures).toHaveCount(2);
  const reference = figures.filter({ hasText: 'The description aka caption (ref2021.1)' });
  await expect(reference.getByLabel('Credit')).toHaveValue('Credit Line (ref2021.1)');
  await expect(reference.getByLabel('Alt text')).toHaveValue('This is the Alt Text description to support accessibility in 2021.1');

  // The caption belongs to the story now; "Update from photo" brings the photo's back on request.
  const first = figures.first();
  await first.locator('figcaption').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' at the press conference');
  await expect(first.locator('figcaption')).toHaveText('José Mourinho at the press conference');
  await first.getByLabel('Credit').fill('Photographer/Agency via Lede');
  await first.getByRole('button', { name: 'Update from photo' }).click();
  await expect(first.locator('figcaption')).toHaveText('José Mourinho');
  await expect(first.getByLabel('Credit')).toHaveValue('Photographer/Agency');

  // One lead image per story.
  await first.getByLabel('Lead image').check();
  await expect(first).toHaveAttribute('data-lead', 'true');
  await reference.getByLabel('Lead image').check();
  await expect(reference).toHaveAttribute('data-lead', 'true');
  await expect(first).not.toHaveAttribute('data-lead', 'true');
  await waitSaved(page);
  await screenshot(page, 'story-with-photos.png', (name) => testInfo.outputPath(name));
});
