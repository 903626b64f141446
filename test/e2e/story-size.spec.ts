import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { body, createProfile, expect, newStory, shot, test, waitSaved } from './fixtures';

/**
 * A paste that would take the story past the newsroom's word limit is
 * refused whole, with the numbers (issue 18: one 61,000-word paste once took
 * a laptop down). The policy sets a small limit so the test pastes little.
 */
const policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-e2e-size-'));
const policyFile = path.join(policyDir, 'policy.json');
fs.writeFileSync(policyFile, JSON.stringify({ storyWordLimit: 5_000 }));
test.use({ shellEnv: { LEDE_POLICY_FILE: policyFile } });

async function pasteText(page: import('@playwright/test').Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const target = document.querySelector('[aria-label="Body"][contenteditable="true"]')!;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const words = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

test('a paste past the story word limit is refused whole and says why; one within it goes in', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Mei Chen', 'Reporter');
  await newStory(page);
  await body(page).click();
  await page.keyboard.type('The first sentence stays.');
  await waitSaved(page);

  await pasteText(page, `${words(3_000, 'alpha')}\n\n${words(3_000, 'beta')}`);
  const refusal = page.getByText(/^This paste would make the story 6,00\d words long; the newsroom's limit for one story is 5,000 words\. Nothing was added/);
  await expect(refusal).toBeVisible();
  await shot(page, 'story-size-refused');
  await expect(body(page)).toHaveText('The first sentence stays.');

  await pasteText(page, ` ${words(50, 'gamma')}`);
  await expect(body(page)).toContainText('gamma49');
  await expect(body(page)).not.toContainText('alpha0');
  await waitSaved(page);
});
