import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { fixturePath } from '../helpers/fixtures';
import { body, createProfile, expect, newStory, shot, test, waitSaved } from './fixtures';

/**
 * Pasting a published web article (ADR 0066): Lede asks before it puts the
 * page anywhere, fills only the story's empty fields, keeps words apart, and
 * lists the picture and the video it could not keep.
 */

const wholeArticle = fs.readFileSync(fixturePath('paste', 'whole-article.html'), 'utf8');

/** Pastes HTML into the body the way a browser does on Ctrl+V. */
async function pasteHtml(page: Page, html: string): Promise<void> {
  await body(page).focus();
  await page.evaluate((html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'plain text of the page');
    const target = document.querySelector('[aria-label="Body"][contenteditable="true"]')!;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

const prompt = (page: Page) => page.getByRole('group', { name: "This looks like a whole article. Fill the story's fields from it?" });

test.beforeEach(async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Mei Chen', 'Reporter');
  await newStory(page);
});

test('a pasted whole article fills the empty fields and puts the rest in the body', async ({ page }) => {
  // What the reporter typed stays: the page's teaser must not replace it.
  await page.getByLabel('Teaser').fill('Our own teaser, typed first.');
  await pasteHtml(page, wholeArticle);

  const bar = prompt(page);
  await expect(bar).toBeVisible();
  // Nothing is pasted until the person chooses.
  await expect(body(page)).not.toContainText('Brennholm');
  await expect(bar.getByRole('button', { name: 'Fill fields' })).toBeFocused();
  await expect(bar.getByRole('button', { name: 'Paste into the text only' })).toBeVisible();
  // What the page would fill, field by field; the teaser the reporter typed is kept.
  await expect(bar.getByRole('term')).toHaveText(['Section', 'Kicker', 'Headline', 'Teaser', 'Byline', 'Sources', 'Edited by']);
  await expect(bar.getByRole('definition')).toHaveText([
    'Politics',
    'Varholm',
    'Harbour town votes to bring back its night ferry',
    /^Yours is kept: Varholm's council wants the island crossing back/,
    'Marta Lindqvist',
    'Coastal Press, Nordic Wire, Fjord Radio',
    'Tomas Berg',
  ]);
  await expect(bar).toContainText('Not kept: 1 image (“The ferry Solvind moored at the quay in Varholm”), 1 video (Can a night ferry pay its way? 04:44).');
  await shot(page, 'paste-article-prompt');

  // Keyboard: Enter on the focused "Fill fields".
  await page.keyboard.press('Enter');
  await expect(bar).toBeHidden();
  await expect(page.getByLabel('Headline')).toHaveValue('Harbour town votes to bring back its night ferry');
  await expect(page.getByLabel('Kicker')).toHaveValue('Varholm');
  await expect(page.getByLabel('Teaser')).toHaveValue('Our own teaser, typed first.');
  await expect(page.getByLabel('Section')).toHaveValue('Politics');
  await expect(page.getByRole('button', { name: 'Remove Marta Lindqvist' })).toBeVisible();
  for (const source of ['Coastal Press', 'Nordic Wire', 'Fjord Radio', 'Tomas Berg']) {
    await expect(page.getByRole('button', { name: `Remove ${source}` })).toBeVisible();
  }

  const notice = page.getByRole('status', { name: 'What the paste did' });
  await expect(notice).toContainText('Filled from the article: Section, Kicker, Headline, Byline, Sources, Edited by.');
  await expect(notice).toContainText('Left as you typed: Teaser.');
  await expect(notice).toContainText('Not kept: 1 image (“The ferry Solvind moored at the quay in Varholm”), 1 video (Can a night ferry pay its way? 04:44).');
  await expect(notice).toContainText("Left out: the date (March 3, 2026), the author's bio (Marta Lindqvist).");
  await shot(page, 'paste-article-filled');

  const editor = body(page);
  await expect(editor.locator('h2')).toHaveText(['Why does the island want its ferry back?']);
  await expect(editor.locator('p').first()).toHaveText(/^Varholm's town council voted on Tuesday/);
  const text = await editor.innerText();
  for (const gone of ['PoliticsVarholm', 'Harbour town votes', 'Marta Lindqvist', 'March 3', '04:44', 'Can a night ferry', 'Play Video', 'Edited by', 'Reporting on the coast', 'stoppedImage']) {
    expect(text, `body holds "${gone}"`).not.toContain(gone);
  }
  await waitSaved(page);
});

test('"Paste into the text only" pastes the page into the body with words apart and lists what it dropped', async ({ page }) => {
  await pasteHtml(page, wholeArticle);
  await prompt(page).getByRole('button', { name: 'Paste into the text only' }).click();
  await expect(prompt(page)).toBeHidden();
  const editor = body(page);
  await expect(editor).toContainText('Politics Varholm');
  await expect(editor).toContainText('Marta Lindqvist Coastal Press, Nordic Wire, Fjord Radio March 3, 2026');
  const text = await editor.innerText();
  for (const glued of ['PoliticsVarholm', 'LindqvistCoastal', 'RadioMarch', '04:44', 'Can a night ferry', 'Play Video']) expect(text).not.toContain(glued);
  // The story's fields stay empty: the person chose the text only.
  await expect(page.getByLabel('Headline')).toHaveValue('');
  await expect(page.getByRole('status', { name: 'What the paste did' })).toContainText('Not kept: 1 image');
  await shot(page, 'paste-text-only');
  await waitSaved(page);
});

test('Escape on the prompt pastes nothing; a paste that is not an article asks nothing', async ({ page }) => {
  await pasteHtml(page, wholeArticle);
  await expect(prompt(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt(page)).toBeHidden();
  await expect(body(page)).not.toContainText('Brennholm');
  await expect(body(page)).toBeFocused();

  await pasteHtml(page, '<p>Two <b>plain</b> paragraphs.</p><p>With a picture <img src="https://img.example.org/a.jpg" alt="Quay at night"></p>');
  await expect(body(page)).toContainText('Two plain paragraphs.');
  await expect(prompt(page)).toHaveCount(0);
  const notice = page.getByRole('status', { name: 'What the paste did' });
  await expect(notice).toContainText('Not kept: 1 image (“Quay at night”).');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('the news web page fixture (an h1 in a NewsArticle) offers its headline and lists its picture and video', async ({ page }) => {
  await pasteHtml(page, fs.readFileSync(fixturePath('paste', 'news-web-page.html'), 'utf8'));
  const bar = prompt(page);
  await expect(bar.getByRole('term')).toHaveText(['Headline']);
  await expect(bar).toContainText("Not kept: 1 image (“Syria's interim President Ahmed Al-Sharaa”), 1 video (from video.example-news.com).");
  await bar.getByRole('button', { name: 'Fill fields' }).click();
  await expect(page.getByLabel('Headline')).toHaveValue("Syria's new leader visits Moscow for talks with Putin");
  const editor = body(page);
  await expect(editor.locator('p').first()).toHaveText(/^Syria's transitional President Ahmed al-Sharaa is visiting Moscow/);
  await expect(editor).not.toContainText('talks with Putin');
  await expect(page.getByRole('status', { name: 'What the paste did' })).toContainText('Filled from the article: Headline.');
  await waitSaved(page);
});
