import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProfile, expect, test } from './fixtures';

/**
 * The machine policy in the web shell: what it locks shows as locked in
 * Settings, and a policy file that cannot be applied is reported while Lede
 * runs on its defaults. Screenshots go to LEDE_SHOTS_DIR when it is set.
 */
const policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-e2e-policy-'));
const shots = process.env.LEDE_SHOTS_DIR;

function writePolicy(name: string, content: string): string {
  const file = path.join(policyDir, name);
  fs.writeFileSync(file, content);
  return file;
}

test.describe('a newsroom policy that locks settings', () => {
  test.use({
    shellEnv: {
      LEDE_POLICY_FILE: writePolicy(
        'locking.json',
        JSON.stringify({
          sections: ['Local', 'City Hall', 'Sport'],
          limits: { headline: { warn: 60, error: 80 } },
          syncServerUrl: 'https://sync.newsroom.example',
          futureKey: true,
        }),
      ),
    },
  });

  test('shows the locked settings as set by the newsroom, and keeps what is open editable', async ({ page, shell }) => {
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.getByTitle('Settings').click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByText('Some settings on this computer are managed by your newsroom.')).toBeVisible();

    const sections = dialog.getByRole('group', { name: 'Sections' });
    // A disabled fieldset disables everything in it.
    await expect(sections).toHaveAttribute('disabled', '');
    await expect(sections.getByText('Set by your newsroom')).toBeVisible();
    await expect(sections.locator('.sections-name')).toHaveText(['Local', 'City Hall', 'Sport']);
    await expect(sections.getByRole('button', { name: /Remove/ })).toHaveCount(0);
    await expect(dialog.getByLabel('New section')).toHaveCount(0);

    const limits = dialog.getByRole('group', { name: 'Field limits' });
    await expect(limits.getByText('Set by your newsroom')).toBeVisible();
    await expect(limits.getByRole('spinbutton', { name: 'Headline Warn above' })).toBeDisabled();
    await expect(limits.getByRole('spinbutton', { name: 'Headline Warn above' })).toHaveValue('60');

    // Not locked: the default language still changes, and saving does not touch what is locked.
    const language = dialog.getByLabel('Default language');
    await expect(language).toBeEnabled();
    if (shots) await page.screenshot({ path: path.join(shots, 'settings-locked.png') });
    await language.selectOption('de');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Settings saved')).toBeVisible();

    // The library's section filter offers the newsroom's sections.
    await page.getByRole('button', { name: 'New story', exact: true }).click();
    await expect(page.getByLabel('Section')).toContainText('City Hall');
    await expect(page.getByLabel('Language')).toHaveValue('de');
  });

  test('signs in only to the sync server the policy sets', async ({ page, shell }) => {
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    await page.getByRole('button', { name: /^Sync: not signed in/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to your newsroom' });
    const server = dialog.getByLabel('Server address');
    await expect(server).toHaveValue('https://sync.newsroom.example');
    await expect(server).toHaveAttribute('readonly', '');
    await expect(dialog.getByText('Set by your newsroom')).toBeVisible();
    // The cursor starts in the token field: the address is already there.
    await expect(dialog.getByLabel('Access token')).toBeFocused();
    if (shots) await page.screenshot({ path: path.join(shots, 'sign-in-policy.png') });
  });
});

test.describe('a policy file that cannot be applied', () => {
  test.use({ shellEnv: { LEDE_POLICY_FILE: writePolicy('broken.json', '{ "sections": ["Local", }') } });

  test('is reported in a banner, and Lede works on its defaults', async ({ page, shell }) => {
    await page.goto(shell.url);
    await createProfile(page, 'Richard Connor', 'Reporter');
    const banner = page.getByRole('alert').filter({ hasText: 'Newsroom policy not applied' });
    await expect(banner).toContainText('broken.json');
    await expect(banner).toContainText('is not valid JSON');
    await expect(banner).toContainText('Lede is using its default settings');
    if (shots) await page.screenshot({ path: path.join(shots, 'policy-problem-banner.png') });

    // Defaults, nothing locked.
    await page.getByTitle('Settings').click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByRole('group', { name: 'Sections' })).not.toHaveAttribute('disabled');
    await expect(dialog.getByRole('button', { name: 'Remove Politics' })).toBeEnabled();
    await expect(dialog.getByText('Set by your newsroom')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
  });
});
