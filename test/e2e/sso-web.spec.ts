import { startTestOidcProvider } from '../helpers/oidc-provider';
import { createProfile, expect, test } from './fixtures';
import { startE2eSyncServer } from './sync-server';

const SHOT = process.env.LEDE_SSO_SHOT ?? '/tmp/sso-sign-in.png';

/**
 * Single sign-on in the web shell (ADR 0058): the tab goes to the
 * newsroom's provider (a real oidc-provider on 127.0.0.1), the person signs
 * in there, and the same tab comes back through the sync server to the web
 * shell's return page, which finishes the sign-in in the app.
 */
test('sign in with the newsroom account in the same tab, and come back signed in', async ({ page, shell }) => {
  test.setTimeout(90_000);
  const idp = await startTestOidcProvider();
  const server = await startE2eSyncServer({ args: ['--oidc-issuer', idp.issuer, '--oidc-client-id', idp.clientId], env: { LEDE_OIDC_CLIENT_SECRET: idp.clientSecret } });
  try {
    idp.configure({ redirectUris: [`${server.url}/api/sso/callback`], people: { wrahn: { name: 'Wesley Rahn', email: 'w.rahn@newsroom.example', email_verified: true } } });
    server.addUser('Wesley Rahn', 'editor');
    server.cli(['user', 'link', 'Wesley Rahn', '--oidc-issuer', idp.issuer, '--sub', 'wrahn']);

    await page.goto(shell.url);
    await createProfile(page, 'Somebody', 'Reporter');
    await page.getByRole('button', { name: /^Sync: not signed in/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to your newsroom' });
    await dialog.getByLabel('Server address').fill(server.url);
    // Shown once the server says it offers single sign-on.
    const ssoButton = dialog.getByRole('button', { name: 'Sign in with your newsroom account' });
    await expect(ssoButton).toBeVisible();
    await dialog.screenshot({ path: SHOT });
    await ssoButton.click();

    // The provider's own pages, in this tab.
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill('wrahn');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back in Lede, signed in as the account, with nothing of the sign-in left in the address.
    await page.waitForURL((url) => url.origin === new URL(shell.url).origin);
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 20_000 });
    expect(page.url()).not.toContain('sso');
    expect(page.url()).not.toContain('code');
    await page.getByRole('button', { name: /^Sync: Synced/ }).click();
    await expect(page.getByRole('dialog', { name: 'Sync' })).toContainText('Wesley Rahn');
  } finally {
    await server.dispose();
    await idp.close();
  }
});
