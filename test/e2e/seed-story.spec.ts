import type { Page } from '@playwright/test';
import { readingMinutes, textStats } from '../../shared/text-stats';
import { typographicQuote } from '../../shared/typography';
import { readSeedStory, type SeedStory } from '../helpers/seed-story-file';
import { body, createProfile, expect, newStory, test, waitSaved } from './fixtures';

/**
 * The seed story (test/helpers/seed-story-file.ts) typed through the UI field
 * by field, as a reporter would — all of it but the photo and the video,
 * which come with the photo desk. Then a reload, a search for words found
 * only in its body, counts and limit warnings.
 */

async function typeBody(page: Page, seed: SeedStory): Promise<void> {
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

/** A paragraph as typing key by key leaves it: its straight quotes become the story language's (on by default, ADR 0063). */
function asTyped(paragraph: string): string {
  let typed = '';
  for (const character of paragraph) typed += character === '"' || character === "'" ? typographicQuote(character, typed, 'en') : character;
  return typed;
}

test('a reporter types the seed story, reloads it, and finds it by a body word', async ({ page, shell }) => {
  test.setTimeout(120_000);
  const seed = readSeedStory();
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
  for (const tag of seed.tags) {
    await tags.fill(tag);
    await tags.press('Enter');
  }
  await page.getByLabel('Dateline').fill(seed.dateline);

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
  await expect(page.getByLabel('Dateline')).toHaveValue(seed.dateline);
  const editor = body(page);
  await expect(editor.locator('h2')).toHaveText(seed.subhead);
  // Typed key by key, the first two paragraphs got typographic quotes; the rest went in as text input, as they were.
  const expected = seed.paragraphs.map((paragraph, index) => (index < 2 ? asTyped(paragraph) : paragraph));
  for (const paragraph of expected.filter((p) => p !== seed.subhead)) {
    await expect(editor.locator('p', { hasText: paragraph.slice(0, 60) })).toHaveCount(1);
  }
  // Nothing typed twice, nothing lost: the body is exactly the typed paragraphs.
  const typed = await editor.locator('p, h2').allTextContents();
  expect(typed.filter((t) => t.trim() !== '')).toEqual(expected);
  expect(typed.join('\n')).toContain('Varholm’s town council');

  // The bio lives in the people directory, not in the story.
  await page.getByRole('button', { name: `Bio of ${seed.byline}` }).click();
  await expect(page.getByLabel('Short bio')).toHaveValue(seed.bio);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Library: search any word of the body as you type (these two are in no other field).
  await page.getByRole('button', { name: /Library/ }).click();
  const search = page.getByLabel('Search');
  await search.fill('Kvernesund');
  const results = page.locator('[data-story-id]');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText(seed.headline);
  await expect(results.first()).toContainText(seed.kicker);
  await expect(results.first()).toContainText(seed.byline);
  await search.fill('steame');
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
  await headline.fill('Varholm’s night ferry is back');
  await expect(page.getByText('29 / 100')).toBeVisible();
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
