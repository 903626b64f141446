import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { readingMinutes, textStats } from '../../shared/text-stats';
import { fixturePath } from '../helpers/fixtures';
import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';

/**
 * The seed story (../shared/fixtures/articles/syria-moscow.txt) typed through
 * the UI field by field, as a reporter would — all of it but the image and
 * the video, which come with the photo desk. Then a reload, a search for a
 * word of its body, counts and limit warnings.
 */
interface Seed {
  section: string;
  kicker: string;
  headline: string;
  byline: string;
  sources: string[];
  teaser: string;
  paragraphs: string[];
  subhead: string;
  editedBy: string;
  bio: string;
}

function readSeed(): Seed {
  const text = fs.readFileSync(fixturePath('articles', 'syria-moscow.txt'), 'utf8');
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  // The file is the page as published: "PoliticsSyria", headline, "Richard Connor Reuters, AP, AFP", date, teaser, …
  expect(lines[0]).toBe('PoliticsSyria');
  const start = lines.indexOf("Syria's transitional President Ahmed al-Sharaa is visiting Moscow on Wednesday for his first official visit since taking office, Damascus said.");
  const end = lines.findIndex((line) => line.startsWith('Edited by:'));
  const bodyLines = lines.slice(start, end).filter((line) => line !== 'Can Russia keep its bases in Syria?' && line !== '04:44');
  const bioLine = lines.at(-1)!;
  return {
    section: 'Politics',
    kicker: 'Syria',
    headline: lines[1]!,
    byline: 'Richard Connor',
    sources: ['Reuters', 'AP', 'AFP'],
    teaser: lines[4]!,
    paragraphs: bodyLines,
    subhead: "Why is Syria's leader visiting Russia?",
    editedBy: lines[end]!.replace('Edited by:', '').trim(),
    bio: bioLine.replace('Richard Connor', '').trim(),
  };
}

async function typeBody(page: Page, seed: Seed): Promise<void> {
  const editor = body(page);
  await editor.click();
  for (const [index, line] of seed.paragraphs.entries()) {
    if (line === seed.subhead) {
      await page.keyboard.press('Control+Alt+2');
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
      continue;
    }
    // The first two paragraphs are typed key by key; the rest go in as text
    // input events (the same input path, faster).
    if (index < 2) await page.keyboard.type(line);
    else await page.keyboard.insertText(line);
    await page.keyboard.press('Enter');
  }
}

test('a reporter types the seed story, reloads it, and finds it by a body word', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const seed = readSeed();
  await page.goto(shell.url);
  await createProfile(page, seed.byline, 'Reporter');
  await newStory(page);

  await page.getByLabel('Section').selectOption(seed.section);
  await page.getByLabel('Kicker').fill(seed.kicker);
  await page.getByLabel('Headline').click();
  await page.keyboard.type(seed.headline);
  await page.getByLabel('Teaser').fill(seed.teaser);

  const byline = page.getByRole('combobox', { name: 'Byline' });
  await byline.fill(seed.byline);
  await byline.press('Enter');
  await expect(page.getByRole('button', { name: `Remove ${seed.byline}` })).toBeVisible();
  await page.getByRole('button', { name: `Bio of ${seed.byline}` }).click();
  await page.getByLabel('Short bio').fill(seed.bio);
  await page.getByRole('button', { name: 'Save bio' }).click();
  await expect(page.getByLabel('Short bio')).toBeHidden();

  const sources = page.getByLabel('Sources');
  for (const source of seed.sources) {
    await sources.fill(source);
    await sources.press('Enter');
  }
  const editedBy = page.getByLabel('Edited by');
  await editedBy.fill(seed.editedBy);
  await editedBy.press('Enter');
  const tags = page.getByLabel('Tags');
  for (const tag of ['Syria', 'Russia', 'diplomacy']) {
    await tags.fill(tag);
    await tags.press('Enter');
  }
  await page.getByLabel('Dateline').fill('Moscow');

  await typeBody(page, seed);
  await waitSaved(page);

  // Counts under the editor follow the text, counted as core counts them.
  const stats = page.getByRole('status', { name: 'Story length' });
  const words = textStats(seed.paragraphs.join('\n')).words;
  await expect(stats).toContainText(`${words.toLocaleString('en')} words · `);
  await expect(stats).toContainText(`${readingMinutes(words)} min read`);

  // Reload: everything comes back from the library on disk.
  await page.reload();
  await expect(page.getByLabel('Headline')).toHaveValue(seed.headline);
  await expect(page.getByLabel('Kicker')).toHaveValue(seed.kicker);
  await expect(page.getByLabel('Teaser')).toHaveValue(seed.teaser);
  await expect(page.getByLabel('Section')).toHaveValue(seed.section);
  await expect(page.getByRole('button', { name: `Remove ${seed.byline}` })).toBeVisible();
  await expect(page.getByLabel('Role')).toHaveValue('author');
  for (const source of seed.sources) await expect(page.getByRole('button', { name: `Remove ${source}`, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `Remove ${seed.editedBy}` })).toBeVisible();
  await expect(page.getByLabel('Dateline')).toHaveValue('Moscow');
  const editor = body(page);
  await expect(editor.locator('h2')).toHaveText(seed.subhead);
  for (const paragraph of seed.paragraphs.filter((p) => p !== seed.subhead)) {
    await expect(editor.locator('p', { hasText: paragraph.slice(0, 60) })).toHaveCount(1);
  }
  // Nothing typed twice, nothing lost: the body is exactly the typed paragraphs.
  const typed = await editor.locator('p, h2').allTextContents();
  expect(typed.filter((t) => t.trim() !== '')).toEqual(seed.paragraphs);

  // The bio lives in the people directory, not in the story.
  await page.getByRole('button', { name: `Bio of ${seed.byline}` }).click();
  await expect(page.getByLabel('Short bio')).toHaveValue(seed.bio);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Library: search any word of the body as you type.
  await page.getByRole('button', { name: /Library/ }).click();
  const search = page.getByLabel('Search');
  await search.fill('Hmeimim');
  const results = page.locator('[data-story-id]');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText(seed.headline);
  await expect(results.first()).toContainText(seed.kicker);
  await expect(results.first()).toContainText(seed.byline);
  await search.fill('Tartou');
  await expect(results).toHaveCount(1);
  await search.fill('quarterback');
  await expect(results).toHaveCount(0);
  await expect(page.getByText(/No stories match/)).toBeVisible();
});

test('headline, kicker and teaser count characters live and warn, then refuse, past their limits', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Ana Ruiz', 'Reporter');
  await newStory(page);
  const headline = page.getByLabel('Headline');
  await headline.fill('Syria’s new leader visits Moscow');
  await expect(page.getByText('32 / 100')).toBeVisible();
  await headline.fill('x'.repeat(75));
  await expect(page.getByText(/longer than the recommended 70 characters/)).toBeVisible();
  await headline.fill('x'.repeat(104));
  await expect(page.getByText('Headline is 4 over the limit of 100 characters.')).toBeVisible();
  // Counted on characters as people see them: an accented letter counts once.
  await page.getByLabel('Kicker').fill('Bogotá');
  await expect(page.getByText('6 / 40')).toBeVisible();
  await page.getByLabel('Teaser').fill('y'.repeat(401));
  await expect(page.getByText(/Teaser is 1 over the limit of 400 characters/)).toBeVisible();
  await waitSaved(page);
});
