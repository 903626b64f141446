import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { fixturePath, fixturesDir } from '../helpers/fixtures';
import { createProfile, expect, shot, test } from './fixtures';

/** Culling with the keyboard on the photo desk, the culling filters, and the loupe (ADR 0070). */
const tiles = (page: Page) => page.locator('.photo-tile:not(.photo-tile-loading)');
const tile = (page: Page, filename: string) => page.locator(`.photo-tile[aria-label^="${filename}"]`);
const grid = (page: Page) => page.getByRole('listbox', { name: 'Photos' });

async function openDeskWithFixtures(page: Page, url: string) {
  await page.goto(url);
  await createProfile(page, 'Ana Lima', 'Photo editor');
  await page.getByRole('button', { name: 'Photo desk' }).click();
  await page.getByLabel('Folder to import').setInputFiles(path.join(fixturesDir(), 'images'));
  await expect(page.getByText('Import finished: 9 photos added, 1 refused')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Sort').selectOption({ label: 'File name' });
  await expect(tiles(page)).toHaveCount(9);
  await expect(tiles(page).first()).toHaveAttribute('aria-label', /^exif\.JPG/);
}

test('cull with the keyboard: stars, labels, tag and reject on the selection, then filter by them', async ({ page, shell }) => {
  await openDeskWithFixtures(page, shell.url);

  // One photo: 4 stars.
  await tile(page, 'exif.JPG').click();
  await page.keyboard.press('4');
  await expect(tile(page, 'exif.JPG')).toHaveAttribute('aria-label', /4 stars$/);
  await expect(tile(page, 'exif.JPG').locator('.cull-stars')).toHaveText('★★★★☆');

  // Three photos at once (shift-click): red label, a tag, 2 stars. exiftool-MWG.jpg came with 3 stars in its XMP.
  await expect(tile(page, 'exiftool-MWG.jpg')).toHaveAttribute('aria-label', /3 stars$/);
  await tiles(page).nth(1).click();
  await tiles(page).nth(3).click({ modifiers: ['Shift'] });
  await expect(page.locator('.library-count')).toContainText('3 selected');
  await page.keyboard.press('6');
  await page.keyboard.press('t');
  await page.keyboard.press('2');
  for (const index of [1, 2, 3]) {
    await expect(tiles(page).nth(index)).toHaveAttribute('aria-label', /2 stars, Red label, tagged$/);
    await expect(tiles(page).nth(index).locator('.cull-label')).toHaveText('Red');
    await expect(tiles(page).nth(index).locator('.cull-tag')).toHaveText('Tagged');
  }
  // Ctrl+Z takes back the last step only (the stars, not the tag), each photo to its own earlier value.
  await page.keyboard.press('Control+z');
  await expect(tiles(page).nth(2)).toHaveAttribute('aria-label', /no stars, Red label, tagged$/);
  await expect(tiles(page).nth(3)).toHaveAttribute('aria-label', /3 stars, Red label, tagged$/);
  await page.keyboard.press('5');
  for (const index of [1, 2, 3]) await expect(tiles(page).nth(index)).toHaveAttribute('aria-label', /5 stars, Red label, tagged$/);

  // Keys typed into a field are text, not culling.
  await page.getByLabel('Search photos').fill('');
  await page.getByLabel('Search photos').press('1');
  await expect(page.getByLabel('Search photos')).toHaveValue('1');
  await page.getByLabel('Search photos').fill('');
  await expect(tiles(page)).toHaveCount(9);
  await expect(tiles(page).nth(2)).toHaveAttribute('aria-label', /5 stars/);

  // Stars ≥ 3: the 4-star and the three 5-star photos.
  await page.getByLabel('Stars', { exact: true }).selectOption({ label: '★★★ 3 or more' });
  await expect(tiles(page)).toHaveCount(4);
  await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Red' });
  await expect(tiles(page)).toHaveCount(3);
  await page.getByLabel('Stars', { exact: true }).selectOption({ label: 'Any' });
  await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Any' });
  await page.getByLabel('Tagged only').check();
  await expect(tiles(page)).toHaveCount(3);
  await page.getByLabel('Tagged only').uncheck();
  await expect(tiles(page)).toHaveCount(9);
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await page.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(page.getByRole('button', { name: 'Dismiss notification' })).toHaveCount(0);
  await shot(page, 'photo-desk-culling');

  // X rejects: the photo leaves the grid, the count says so, the next photo is selected.
  await tile(page, 'exif.JPG').click();
  await page.keyboard.press('x');
  await expect(tiles(page)).toHaveCount(8);
  await expect(page.locator('.library-count')).toContainText('1 rejected photo hidden');
  await expect(tiles(page).first()).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Show rejected').check();
  await expect(tiles(page)).toHaveCount(9);
  await expect(tile(page, 'exif.JPG').locator('.cull-rejected')).toHaveText('Rejected');
  // The stars stay under the rejection.
  await expect(tile(page, 'exif.JPG')).toHaveAttribute('aria-label', /Rejected, 4 stars$/);
});

test('the loupe: Space opens it, arrows move in the grid’s order, Z zooms to 100 % and pans, captions are edited beside it, Escape returns', async ({ page, shell }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openDeskWithFixtures(page, shell.url);
  await tile(page, 'exif.JPG').click();
  await page.keyboard.press('Space');

  const loupe = page.getByRole('dialog', { name: 'Loupe' });
  await expect(loupe).toBeVisible();
  await expect(loupe.locator('.loupe-name')).toHaveText('exif.JPG');
  await expect(loupe.locator('.loupe-position')).toHaveText('1 of 9');
  const picture = loupe.locator('img.loupe-fit');
  // Its EXIF thumbnail is too small for the loupe: the picture was decoded, at its own 2268 px (never enlarged).
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2268);
  await expect(picture).toHaveAttribute('src', /\/loupe$/);
  await expect(loupe.getByLabel('Caption', { exact: true })).toBeVisible();

  // Z: 100 %, the original at its own size, panned by dragging.
  await page.keyboard.press('z');
  await expect(loupe.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
  const full = loupe.locator('img.loupe-full');
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.getBoundingClientRect().width)).toBe(2268);
  await expect(full).toHaveAttribute('src', /\/original$/);
  const pan = loupe.locator('[data-zoom="100"]');
  const before = await pan.evaluate((box) => box.scrollLeft);
  const area = (await pan.boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width / 2 + 200, area.y + area.height / 2, { steps: 5 });
  await page.mouse.up();
  expect(before).toBeGreaterThan(200);
  await expect.poll(() => pan.evaluate((box) => box.scrollLeft)).toBeLessThan(before - 150);
  await shot(page, 'loupe-100');
  await loupe.getByRole('button', { name: 'Fit' }).click();
  await expect(loupe.getByRole('button', { name: 'Zoom to 100%' })).toHaveAttribute('aria-pressed', 'false');
  await expect(picture).toBeVisible();

  // Arrows move in the grid's order; the grid's selection follows.
  await loupe.locator('.loupe-view').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(loupe.locator('.loupe-position')).toHaveText('3 of 9');
  await expect(loupe.locator('.loupe-name')).toHaveText('exiftool-IPTC.jpg');
  await expect(tile(page, 'exiftool-IPTC.jpg')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(loupe.locator('.loupe-position')).toHaveText('1 of 9');
  await expect(loupe.locator('.loupe-name')).toHaveText('exif.JPG');
  await expect(loupe.getByRole('button', { name: '← Previous' })).toBeDisabled();

  // Culling keys act on the loupe's photo.
  await page.keyboard.press('3');
  await page.keyboard.press('9');
  await expect(loupe.locator('.loupe-cull')).toHaveAttribute('title', '3 stars, Blue label');
  // The notice shows over the loupe, with its Undo in reach.
  await expect(loupe.getByRole('status').filter({ hasText: 'exif.JPG: Blue label.' })).toBeVisible();
  await loupe.getByRole('button', { name: 'Dismiss notification' }).click();
  await shot(page, 'loupe-fit');

  // The caption, edited beside the picture; a digit typed there is text, not stars.
  const caption = loupe.getByLabel('Caption', { exact: true });
  await caption.fill('Street market in the old town, 5 stalls');
  await caption.press('Tab');
  await expect(loupe.locator('.loupe-cull')).toHaveAttribute('title', '3 stars, Blue label');

  // Escape closes; the focus is back on the grid, on the photo the loupe showed, and the caption was saved.
  await loupe.locator('.loupe-view').focus();
  await page.keyboard.press('Escape');
  await expect(loupe).toHaveCount(0);
  await expect(grid(page)).toBeFocused();
  await expect(tile(page, 'exif.JPG')).toHaveAttribute('aria-selected', 'true');
  await expect(tile(page, 'exif.JPG')).toHaveAttribute('aria-label', 'exif.JPG — Street market in the old town, 5 stalls — 3 stars, Blue label');
  await expect(page.getByLabel('Caption', { exact: true })).toHaveValue('Street market in the old town, 5 stalls');

  // Enter opens it too, on the focused photo.
  await grid(page).press('ArrowRight');
  await grid(page).press('Enter');
  await expect(loupe.locator('.loupe-name')).toHaveText('exiftool-ExtendedXMP.jpg');
  await page.keyboard.press('Escape');
  await expect(loupe).toHaveCount(0);
});

test('a photo whose picture cannot be made shows a placeholder saying why, and its caption can still be edited', async ({ page, shell }) => {
  await openDeskWithFixtures(page, shell.url);
  // The stored original is gone (a damaged disk, a cleaned folder), and no sync server can send it again.
  const sha256 = createHash('sha256').update(fs.readFileSync(fixturePath('images', 'exiftool-XMP.jpg'))).digest('hex');
  fs.rmSync(path.join(shell.dataDir, 'media', 'originals', sha256.slice(0, 2), `${sha256}.jpg`));
  await tile(page, 'exiftool-XMP.jpg').click();
  await page.keyboard.press('Enter');
  const loupe = page.getByRole('dialog', { name: 'Loupe' });
  await expect(loupe.getByRole('img', { name: 'No picture of exiftool-XMP.jpg' })).toContainText('The picture of exiftool-XMP.jpg cannot be shown.');
  await expect(loupe.locator('img')).toHaveCount(0);
  await loupe.getByLabel('Credit', { exact: true }).fill('Agency');
  await loupe.getByLabel('Credit', { exact: true }).press('Enter');
  await expect(tile(page, 'exiftool-XMP.jpg').locator('.flag-warn', { hasText: 'No credit' })).toHaveCount(0);
  await shot(page, 'loupe-missing');
});

test('Compare: 2–4 selected photos side by side, zoomed and panned in step, culled one at a time', async ({ page, shell }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openDeskWithFixtures(page, shell.url);
  const compare = page.getByRole('button', { name: 'Compare', exact: true });
  await tile(page, 'exif.JPG').click();
  await expect(compare).toBeDisabled();
  await tile(page, 'IPTC-PhotometadataRef-Std2021.1.jpg').click({ modifiers: ['Control'] });
  await tile(page, 'metapm.jpg').click({ modifiers: ['Control'] });
  await expect(compare).toBeEnabled();
  await grid(page).press('c');

  const dialog = page.getByRole('dialog', { name: 'Compare' });
  const panes = dialog.locator('figure.compare-pane');
  await expect(panes).toHaveCount(3);
  // In the grid's order (file name), whatever order they were picked in.
  await expect(panes.locator('figcaption .loupe-name')).toHaveText(['exif.JPG', 'IPTC-PhotometadataRef-Std2021.1.jpg', 'metapm.jpg']);
  for (const index of [0, 1]) await expect.poll(() => panes.nth(index).locator('img.loupe-fit').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // Z: all at 100 %; panning the first moves the second to the same place in its picture.
  await page.keyboard.press('z');
  const first = panes.nth(0).locator('[data-zoom="100"]');
  const second = panes.nth(1).locator('[data-zoom="100"]');
  await expect(first.locator('img.loupe-full')).toBeVisible();
  await expect(second.locator('img.loupe-full')).toBeVisible();
  await shot(page, 'compare-100');
  const ratio = (box: HTMLElement) => box.scrollLeft / (box.scrollWidth - box.clientWidth);
  await expect.poll(() => second.evaluate(ratio)).toBeCloseTo(0.5, 1);
  await first.evaluate((box) => {
    box.scrollLeft = 0;
  });
  await expect.poll(() => second.evaluate(ratio)).toBeCloseTo(0, 2);

  // Right arrow: the second photo is the one the keys act on.
  await dialog.locator('.compare-panes').focus();
  await page.keyboard.press('ArrowRight');
  await expect(panes.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('4');
  await expect(panes.nth(1).locator('.loupe-cull')).toHaveAttribute('title', '4 stars');
  await expect(panes.nth(0).locator('.loupe-cull')).toHaveAttribute('title', 'no stars');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(tile(page, 'IPTC-PhotometadataRef-Std2021.1.jpg')).toHaveAttribute('aria-label', /4 stars$/);
});
