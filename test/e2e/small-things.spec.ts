import { body, createProfile, expect, newStory, shot, test, waitSaved } from './fixtures';

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

test('Ctrl+Alt+V opens the video form from the text; its hints cannot pass for values; the key is in the shortcuts list', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  await body(page).click();
  await page.keyboard.type('Putin met al-Sharaa in Moscow.');
  await page.keyboard.press('Control+Alt+v');
  const form = page.getByRole('dialog', { name: 'Insert video' });
  await expect(form).toBeVisible();
  const title = form.getByLabel('Video title');
  await expect(title).toBeFocused();

  // A hint says what goes there in words: no digits, no web address, nothing the form would accept as typed.
  for (const label of ['Video title', 'Duration (mm:ss)', 'Source URL', 'Poster image URL (optional)']) {
    const hint = (await form.getByLabel(label).getAttribute('placeholder')) ?? '';
    expect(hint, label).not.toBe('');
    expect(hint, label).not.toMatch(/\d|https?:|www\.|\?$/);
  }
  await expect(form.getByLabel('Source URL')).toHaveAttribute('placeholder', 'Paste the video’s address');
  await shot(page, 'video-form-hints');

  await title.fill('Putin meets al-Sharaa');
  await form.getByLabel('Source URL').fill('https://video.example/putin-sharaa');
  await form.getByRole('button', { name: 'Insert video' }).click();
  await expect(form).toHaveCount(0);
  await expect(body(page).locator('.video-card').filter({ hasText: 'Putin meets al-Sharaa' })).toHaveCount(1);

  await page.keyboard.press('Control+/');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts.getByRole('row', { name: /^Insert a video/ })).toContainText('Ctrl+Alt+V');
  await shot(page, 'shortcuts-with-video');
});

test('the checklist’s link to a “TK” selects the TK itself, so typing replaces it', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await newStory(page);
  await page.getByLabel('Headline').fill('Floods close the Rhine to shipping');
  await page.getByLabel('Teaser').fill('Barges are stuck after days of rain.');
  await body(page).click();
  await page.keyboard.type('Barges are stuck near TK after days of rain, and the river is still rising.');
  await waitSaved(page);
  const status = page.getByLabel('Status');
  await status.selectOption({ label: 'In edit' });
  await expect(status).toHaveValue('in_edit');
  await status.selectOption({ label: 'Ready' });
  const checklist = page.getByRole('region', { name: 'Before moving to Ready' });
  await checklist.getByRole('button', { name: 'Paragraph 1 still holds “TK”.' }).click();
  await expect(body(page)).toBeFocused();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('TK');
  await page.keyboard.type('Koblenz');
  await expect(body(page)).toHaveText('Barges are stuck near Koblenz after days of rain, and the river is still rising.');
  await expect(checklist.locator('[data-rule="unresolved-markers"]')).not.toContainText('still holds');
});

test('typing your own name as a byline offers you, not “add as a new person”', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  const byline = page.getByRole('combobox', { name: 'Byline' });
  const people = page.getByRole('listbox', { name: 'People' });
  await byline.fill('conn');
  await expect(people.getByRole('option', { name: 'Richard Connor You' })).toBeVisible();
  await byline.fill('Richard Connor');
  await expect(people.getByRole('option', { name: 'Richard Connor You' })).toBeVisible();
  await expect(people.getByRole('option', { name: /as a new person/ })).toHaveCount(0);
  await shot(page, 'byline-offers-you');
  await byline.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove Richard Connor' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^\+ Add me/ })).toHaveCount(0);

  // Someone else's name is still offered as a new person.
  await byline.fill('Anna Berg');
  await expect(people.getByRole('option', { name: 'Add “Anna Berg” as a new person' })).toBeVisible();
  await expect(people.getByRole('option', { name: /You$/ })).toHaveCount(0);
});

/** A story with nothing to fix, moved to Ready by an editor. */
async function readyStory(page: import('@playwright/test').Page): Promise<void> {
  await newStory(page);
  await page.getByLabel('Headline').fill('Floods close the Rhine to shipping');
  await page.getByLabel('Teaser').fill('Barges are stuck after days of rain.');
  await page.getByRole('combobox', { name: 'Byline' }).fill('Anna Berg');
  await page.getByRole('combobox', { name: 'Byline' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Remove Anna Berg' })).toHaveCount(1);
  await body(page).click();
  await page.keyboard.type('Barges are stuck near Koblenz.');
  await waitSaved(page);
  const status = page.getByLabel('Status');
  await status.selectOption({ label: 'In edit' });
  await expect(status).toHaveValue('in_edit');
  await status.selectOption({ label: 'Ready' });
  await expect(status).toHaveValue('ready');
}

test('editing a Ready story shows that the edit is on a Ready story; the other rule moves it back to In edit', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await readyStory(page);
  const warning = page.getByRole('status').filter({ hasText: 'This story is Ready — your edit is on a Ready story.' });
  // Opening a Ready story is not an edit: no warning until the person changes something.
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('ready');
  await expect(body(page)).toContainText('Barges are stuck near Koblenz.');
  await waitSaved(page);
  await expect(warning).toHaveCount(0);
  await body(page).click();
  await page.keyboard.type(' Shipping may resume on Friday.');
  await expect(warning).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveValue('ready');
  await shot(page, 'ready-edit-warning');

  // Settings › Editing: the newsroom that wants a Ready story to go through the desk again.
  await page.getByRole('button', { name: /Library/ }).first().click();
  await page.getByTitle('Settings').click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const rule = settings.getByLabel('When someone edits a Ready story');
  await expect(rule).toHaveValue('warn');
  await rule.selectOption({ label: 'Move it back to In edit' });
  await expect(settings.getByLabel('Typographic quotes while typing')).toBeChecked();
  await settings.getByRole('group', { name: 'Editing' }).scrollIntoViewIfNeeded();
  await shot(page, 'settings-editing');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toHaveCount(0);

  await readyStory(page);
  await body(page).click();
  await page.keyboard.type(' More rain is forecast.');
  await expect(page.getByLabel('Status')).toHaveValue('in_edit');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Your edit moved this story from Ready back to In edit.');
  await expect(warning).toHaveCount(0);
});

test('in an Arabic story, counters and English interface text read left to right inside the right-to-left page', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.getByRole('main', { name: 'Story' })).toHaveAttribute('dir', 'rtl');
  await page.getByLabel('Kicker').fill('عاجل');
  await page.getByLabel('Headline').fill('الرئيس السوري يزور موسكو');
  await page.getByLabel('Teaser').fill('التقى الرئيس السوري أحمد الشرع بالرئيس الروسي في الكرملين.');
  await body(page).click();
  await page.keyboard.type('زار الرئيس موسكو يوم الأربعاء لإجراء محادثات حول القواعد العسكرية.');
  // A figure whose picture is not chosen yet, pasted as Lede copies one: its alt text is missing.
  await page.keyboard.press('Enter');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/html', '<figure data-media=""><img alt=""><figcaption>الرئيسان في الكرملين</figcaption></figure>');
    document.querySelector('.story-body')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await waitSaved(page);
  await shot(page, 'rtl-arabic-story');

  // Each piece of interface text is its own left-to-right island (what the eye reads as "5 / 40", not "40 / 5").
  const direction = (locator: import('@playwright/test').Locator) => locator.evaluate((element) => getComputedStyle(element).direction);
  const kicker = page.locator('[data-field="kicker"]');
  await expect(kicker.locator('.field-input-count')).toHaveText('4 / 40');
  expect(await direction(kicker.locator('.field-input-count'))).toBe('ltr');
  const hint = page.locator('.node-field-hint').filter({ hasText: 'Alt text is missing.' });
  await expect(hint).toBeVisible();
  expect(await direction(hint.locator('[dir="ltr"]'))).toBe('ltr');
  expect(await direction(page.getByRole('status', { name: 'Story length' }))).toBe('ltr');
  expect(await direction(page.getByRole('toolbar', { name: 'Formatting' }))).toBe('ltr');
  // The story itself stays right to left.
  expect(await direction(body(page))).toBe('rtl');
  expect(await direction(page.getByLabel('Headline'))).toBe('rtl');
});

test('typed quotes become the story language’s; pasted ones stay as they came; Settings turns it off', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  const headline = page.getByLabel('Headline');
  await headline.click();
  await page.keyboard.type(`Minister: "It's over"`);
  await expect(headline).toHaveValue('Minister: “It’s over”');
  await body(page).click();
  await page.keyboard.type(`"We won't go back," she said.`);
  await expect(body(page)).toHaveText('“We won’t go back,” she said.');
  // Backspace right after a converted quote gives the straight one back (Tiptap's undo of an input rule).
  await page.keyboard.type(' "');
  await page.keyboard.press('Backspace');
  await expect(body(page)).toHaveText('“We won’t go back,” she said. "');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');

  await page.getByLabel('Language').selectOption('de');
  await body(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Er sagte: "Nein."');
  await expect(body(page)).toHaveText('“We won’t go back,” she said. Er sagte: „Nein.“');
  // Pasted text keeps its own marks.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ' "pasted"');
    document.querySelector('.story-body')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(body(page)).toHaveText('“We won’t go back,” she said. Er sagte: „Nein.“ "pasted"');
  await waitSaved(page);
  await shot(page, 'typographic-quotes');

  await page.getByRole('button', { name: /Library/ }).first().click();
  await page.getByTitle('Settings').click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Typographic quotes while typing').uncheck();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toHaveCount(0);
  await newStory(page);
  await body(page).click();
  await page.keyboard.type(`"Straight" it's`);
  await expect(body(page)).toHaveText(`"Straight" it's`);
});
