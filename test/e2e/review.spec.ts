import { body, createProfile, expect, headerAction, headerButton, newStory, shot, test, waitSaved } from './fixtures';
import { openSecondLaptop } from './second-laptop';
import { signIn, startE2eSyncServer } from './sync-server';

/**
 * Issue 13, the review layer (ADR 0072), in a real Chromium: "Suggest
 * changes" with the real keys (typing, Backspace over a selection), the
 * popover and the Suggestions panel, notes and legal flags, and the ready
 * checks that hold a story with open suggestions back.
 */

test('the desk suggests with the real keys; the popover and the panel accept and reject; Ready waits for them', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await newStory(page);
  await page.getByLabel('Headline').fill('Sharaa meets Putin in Moscow');
  await page.getByLabel('Teaser').fill('Talks lasted three hours.');
  await page.getByRole('combobox', { name: 'Byline' }).fill('Anna Berg');
  await page.getByRole('combobox', { name: 'Byline' }).press('Enter');
  await body(page).click();
  await page.keyboard.type('Talks in Moscow ended without a statement.');
  await waitSaved(page);

  const toggle = page.getByRole('button', { name: 'Suggest changes' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await body(page).click();
  await page.keyboard.press('Control+Shift+E');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // Select "without a statement" with the keyboard and type over it: a replacement, the old words struck through.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'without a statement'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('abruptly');
  await expect(body(page).locator('del[data-review="deletion"]')).toHaveText('without a statement');
  await expect(body(page).locator('ins[data-review="insertion"]')).toHaveText('abruptly');
  // A second suggestion: Backspace over "in Moscow " marks it for deletion.
  await body(page).getByText('Talks in Moscow').click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 'Talks '.length; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'in Moscow '.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Backspace');
  await expect(body(page).locator('del[data-review="deletion"]').first()).toHaveText('in Moscow ');
  await expect(body(page)).toHaveText('Talks in Moscow ended without a statementabruptly.');
  await waitSaved(page);

  // The popover, with the cursor in a suggestion.
  const popover = page.getByRole('group', { name: 'Suggestion by Wesley Rahn' });
  await expect(popover).toContainText('Delete “in Moscow ”');
  await shot(page, 'review-suggest-popover');

  // The move to Ready is held back while suggestions are open.
  await page.getByLabel('Status').selectOption({ label: 'In edit' });
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  const checklist = page.getByRole('region', { name: 'Before moving to Ready' });
  await expect(checklist).toContainText('Wesley Rahn suggests: Replace “without a statement” with “abruptly”.');
  await expect(checklist).toContainText('Wesley Rahn suggests: Delete “in Moscow ”.');
  await expect(page.getByLabel('Status')).toHaveValue('in_edit');
  await shot(page, 'review-checklist-blocked');
  await checklist.getByRole('button', { name: 'Cancel' }).click();

  // The panel lists both in story order; accept the deletion, reject the replacement.
  await headerAction(page, /^Suggestions/);
  const panel = page.getByRole('complementary', { name: 'Suggestions' });
  const items = panel.getByRole('list', { name: 'Suggestions in story order' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Delete “in Moscow ”');
  await expect(items.nth(1)).toContainText('Replace “without a statement” with “abruptly”');
  await shot(page, 'review-suggestions-panel');
  await items.nth(0).getByRole('button', { name: 'Accept' }).click();
  await expect(items).toHaveCount(1);
  await items.nth(0).getByRole('button', { name: 'Reject' }).click();
  await expect(panel.getByRole('status')).toContainText('No suggestions');
  await expect(body(page)).toHaveText('Talks ended without a statement.');
  await expect(body(page).locator('[data-review]')).toHaveCount(0);
  await waitSaved(page);

  // Settled: the move goes through.
  await page.getByRole('button', { name: 'Close suggestions' }).click();
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  await expect(page.getByLabel('Status')).toHaveValue('ready');
});

test('suggesting on the headline offers a replacement beside it; the field changes only when it is accepted', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await newStory(page);
  const headline = page.getByLabel('Headline', { exact: true });
  await headline.fill('Floods close the Rhine');
  await body(page).click();
  await page.keyboard.type('Barges are stuck near Koblenz.');
  await waitSaved(page);

  await page.getByRole('button', { name: 'Suggest changes' }).click();
  // The hint shows while the field has focus, where the person is about to type.
  await headline.focus();
  await expect(page.getByText('Suggesting: what you type here is offered as a replacement, below, not written into the headline.')).toBeVisible();
  await headline.fill('Floods close the Rhine to shipping');
  const suggested = page.getByRole('listitem', { name: 'Wesley Rahn suggests a headline' });
  await expect(suggested).toContainText('Headline: “Floods close the Rhine to shipping”');
  await expect(page.getByRole('button', { name: /^Suggestions/ }).first()).toContainText('1');
  await waitSaved(page);
  await shot(page, 'review-field-suggestion');

  // Out of suggestion mode, the field still reads as it did: only the suggestion changed.
  await page.getByRole('button', { name: 'Suggest changes' }).click();
  await expect(headline).toHaveValue('Floods close the Rhine');
  // The checklist names it and takes the person to the field.
  await page.getByLabel('Status').selectOption({ label: 'In edit' });
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  const checklist = page.getByRole('region', { name: 'Before moving to Ready' });
  await expect(checklist).toContainText('Headline: Wesley Rahn suggests “Floods close the Rhine to shipping”.');
  await checklist.getByRole('button', { name: 'Cancel' }).click();

  await suggested.getByRole('button', { name: 'Accept' }).click();
  await expect(headline).toHaveValue('Floods close the Rhine to shipping');
  await expect(suggested).toHaveCount(0);
  await waitSaved(page);
  await page.reload();
  await expect(page.getByLabel('Headline', { exact: true })).toHaveValue('Floods close the Rhine to shipping');
});

test('a note is not counted; a legal flag is a warning at Ready (that neither reaches an export: test/shared/review)', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Anna Berg', 'Reporter');
  await newStory(page);
  await page.getByLabel('Headline').fill('Minister under pressure');
  await body(page).click();
  await page.keyboard.type('The minister lied. ');
  await page.getByRole('button', { name: 'Note' }).click();
  await expect(page.getByRole('button', { name: 'Note' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.type('call the ministry back');
  await page.getByRole('button', { name: 'Note' }).click();
  await expect(body(page).locator('[data-review="note"]')).toHaveText('call the ministry back');
  // Flag "lied".
  await page.keyboard.press('Home');
  for (let i = 0; i < 'The minister '.length; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'lied'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: 'Flag for legal' }).click();
  await expect(body(page).locator('mark[data-review="legal-flag"]')).toHaveCount(1);
  await waitSaved(page);
  // The live count leaves the note out: 3 words.
  await expect(page.getByRole('status', { name: 'Story length' })).toContainText('3 words');
  await shot(page, 'review-note-and-flag');
  // At Ready the flag is a warning the person confirms.
  await page.getByLabel('Status').selectOption({ label: 'In edit' });
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  const checklist = page.getByRole('region', { name: 'Before moving to Ready' });
  await expect(checklist).toContainText('Paragraph 1 has text flagged for legal: “lied”.');
  await shot(page, 'review-legal-flag-warning');
});

test('a comment thread with a reply and a mention is resolved; a comment on the headline; text removed', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Wesley Rahn', 'Editor');
  await newStory(page);
  await page.getByLabel('Headline').fill('Sharaa meets Putin in Moscow');
  // Anna Berg goes into the people directory as a byline: she can be mentioned.
  await page.getByRole('combobox', { name: 'Byline' }).fill('Anna Berg');
  await page.getByRole('combobox', { name: 'Byline' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Remove Anna Berg' })).toHaveCount(1);
  await body(page).click();
  await page.keyboard.type('Talks lasted three hours, officials said.');
  await waitSaved(page);

  // Select "three hours" and comment from the toolbar.
  await page.keyboard.press('Home');
  for (let i = 0; i < 'Talks lasted '.length; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'three hours'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Comments' });
  const box = panel.getByRole('combobox', { name: 'Comment' });
  await expect(box).toBeFocused();
  await box.type('Source? @Ann');
  await expect(panel.getByRole('option', { name: 'Anna Berg' })).toBeVisible();
  await shot(page, 'review-comment-mention');
  await page.keyboard.press('Enter');
  await expect(box).toHaveValue('Source? @Anna Berg ');
  await box.type('can you check');
  await panel.getByRole('button', { name: 'Post' }).click();
  const threads = panel.getByRole('list', { name: 'Comment threads in story order' }).getByRole('listitem', { name: /^Thread by/ });
  await expect(threads).toHaveCount(1);
  await expect(threads.first()).toContainText('“three hours”');
  await expect(threads.first().locator('strong')).toHaveText('@Anna Berg');
  await expect(body(page).locator('.comment-anchor')).toHaveText('three hours');
  await expect(headerButton(page, /^Comments/)).toContainText('1');

  // A reply.
  await threads.first().getByRole('combobox', { name: 'Reply' }).fill('Ministry readout, page 2.');
  await threads.first().getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(threads.first().locator('.comment-message')).toHaveCount(2);
  await shot(page, 'review-comments-panel');

  // At Ready, the open thread is a warning whose link selects the commented words, wherever they are now.
  await body(page).click();
  await page.keyboard.press('Home');
  await page.keyboard.type('In Moscow, ');
  await panel.getByRole('button', { name: 'Close comments' }).click();
  await page.getByLabel('Status').selectOption({ label: 'In edit' });
  await page.getByLabel('Status').selectOption({ label: 'Ready' });
  const checklist = page.getByRole('region', { name: 'Before moving to Ready' });
  await checklist.getByRole('button', { name: 'Wesley Rahn commented on “three hours” and it is not resolved.' }).click();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('three hours');
  await checklist.getByRole('button', { name: 'Cancel' }).click();
  await headerAction(page, /^Comments/);

  // A comment on the headline, with the keyboard.
  const headline = page.getByLabel('Headline');
  await headline.focus();
  await headline.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(13, 18));
  await page.keyboard.press('Control+Alt+m');
  await panel.getByRole('combobox', { name: 'Comment' }).fill('Full name on first mention');
  await panel.getByRole('button', { name: 'Post' }).click();
  await expect(threads).toHaveCount(2);
  // Story order: the headline before the text.
  await expect(threads.first()).toContainText('Headline');
  await expect(threads.first()).toContainText('“Putin”');

  // Resolve the body thread: hidden until "Show resolved".
  await threads.nth(1).getByRole('button', { name: 'Resolve' }).click();
  await expect(threads).toHaveCount(1);
  await expect(body(page).locator('.comment-anchor')).toHaveCount(0);
  await panel.getByRole('checkbox', { name: 'Show resolved' }).check();
  await expect(threads).toHaveCount(2);
  await expect(threads.nth(1)).toContainText('Resolved by Wesley Rahn');
  await threads.nth(1).getByRole('button', { name: 'Reopen' }).click();
  await expect(threads.nth(1).getByRole('button', { name: 'Resolve' })).toBeVisible();

  // Delete the commented words: the thread stays, marked "text removed".
  await body(page).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Talks ended.');
  await expect(threads.nth(1)).toContainText('text removed');
  await waitSaved(page);
  await shot(page, 'review-comment-text-removed');
});

test('two laptops, one server: the desk suggests and comments, the reporter accepts one, rejects the other and resolves the thread', async ({ page, shell, browser }) => {
  test.setTimeout(150_000);
  const server = await startE2eSyncServer();
  const laptopB = await openSecondLaptop(browser);
  const desk = laptopB.page;
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(shell.url);
    await createProfile(page, 'Anna Berg', 'Reporter');
    await signIn(page, server, server.addUser('Anna Berg', 'editor'));
    await desk.goto(laptopB.url);
    await createProfile(desk, 'Wesley Rahn', 'Editor');
    await signIn(desk, server, server.addUser('Wesley Rahn', 'editor'));

    await newStory(page);
    await page.getByLabel('Headline').fill('Floods close the Rhine');
    await body(page).click();
    await page.keyboard.type('Barges are stuck near Koblenz after days of rain.');
    await waitSaved(page);
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });

    // The desk opens it, suggests two changes and comments.
    await desk.getByRole('option', { name: /Floods close the Rhine/ }).click({ timeout: 20_000 });
    await expect(body(desk)).toHaveText('Barges are stuck near Koblenz after days of rain.');
    await body(desk).click();
    await desk.keyboard.press('Control+Shift+E');
    await expect(desk.getByRole('button', { name: 'Suggest changes' })).toHaveAttribute('aria-pressed', 'true');
    await desk.keyboard.press('End');
    await desk.keyboard.press('ArrowLeft');
    await desk.keyboard.type(' and snow');
    await desk.keyboard.press('Home');
    for (let i = 0; i < 'Barges are '.length; i++) await desk.keyboard.press('ArrowRight');
    for (let i = 0; i < 'stuck'.length; i++) await desk.keyboard.press('Shift+ArrowRight');
    await desk.keyboard.type('stranded');
    await desk.keyboard.press('End');
    // From the end, back over " after days of rain and snow." to just after "Koblenz".
    for (let i = 0; i < ' after days of rain and snow.'.length; i++) await desk.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'Koblenz'.length; i++) await desk.keyboard.press('Shift+ArrowLeft');
    await desk.getByRole('button', { name: 'Comment', exact: true }).click();
    const deskComments = desk.getByRole('complementary', { name: 'Comments' });
    await deskComments.getByRole('combobox', { name: 'Comment' }).fill('Which lock exactly?');
    await deskComments.getByRole('button', { name: 'Post' }).click();
    await waitSaved(desk);

    // The reporter sees both suggestions and the thread, by Wesley Rahn.
    await expect(headerButton(page, /^Suggestions/)).toContainText('2', { timeout: 20_000 });
    await expect(headerButton(page, /^Comments/)).toContainText('1');
    // Ready is held back while they are open.
    await page.getByLabel('Status').selectOption({ label: 'In edit' });
    await page.getByLabel('Status').selectOption({ label: 'Ready' });
    const checklist = page.getByRole('region', { name: 'Before moving to Ready' });
    await expect(checklist).toContainText('Wesley Rahn suggests: Replace “stuck” with “stranded”.');
    await expect(checklist).toContainText('Wesley Rahn commented on “Koblenz” and it is not resolved.');
    await checklist.getByRole('button', { name: 'Cancel' }).click();

    await headerAction(page, /^Suggestions/);
    const items = page.getByRole('complementary', { name: 'Suggestions' }).getByRole('list', { name: 'Suggestions in story order' }).getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText('Wesley Rahn');
    await items.filter({ hasText: 'stranded' }).getByRole('button', { name: 'Accept' }).click();
    await items.filter({ hasText: 'and snow' }).getByRole('button', { name: 'Reject' }).click();
    await expect(body(page)).toHaveText('Barges are stranded near Koblenz after days of rain.');
    await shot(page, 'review-two-laptops-settled');

    await headerAction(page, /^Comments/);
    const thread = page.getByRole('complementary', { name: 'Comments' }).getByRole('listitem', { name: 'Thread by Wesley Rahn' });
    await thread.getByRole('combobox', { name: 'Reply' }).fill('Koblenz lock, per the agency.');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await waitSaved(page);

    // On the desk's laptop: the text as the reporter settled it, the thread resolved with her reply.
    await expect(body(desk)).toHaveText('Barges are stranded near Koblenz after days of rain.', { timeout: 20_000 });
    await expect(headerButton(desk, /^Suggestions/)).not.toContainText(/\d/);
    await deskComments.getByRole('checkbox', { name: 'Show resolved' }).check();
    const deskThread = deskComments.getByRole('listitem', { name: 'Thread by Wesley Rahn' });
    await expect(deskThread).toContainText('Koblenz lock, per the agency.');
    await expect(deskThread).toContainText('Resolved by Anna Berg');
    await shot(desk, 'review-two-laptops-desk');

    // Settled: the move to Ready goes through.
    await page.getByRole('button', { name: 'Close comments' }).click();
    await page.getByLabel('Status').selectOption({ label: 'Ready' });
    // Only the teaser and byline warnings are left (the story has neither): confirmed, it moves.
    const confirm = page.getByRole('region', { name: 'Before moving to Ready' });
    await expect(confirm).toContainText('Only warnings left');
    await expect(confirm).not.toContainText('suggests');
    await confirm.getByRole('button', { name: 'Move to Ready anyway' }).click();
    await expect(page.getByLabel('Status')).toHaveValue('ready');
  } finally {
    await laptopB.close();
    await server.dispose();
  }
});
