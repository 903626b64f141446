import { expect, test } from './fixtures';

/** The web shell's access rules as a person meets them in the browser. */
test('a wrong token is refused and the page says why; the right one signs in and leaves the address bar clean', async ({ page, shell }) => {
  const right = new URL(shell.url);
  const wrong = new URL(shell.url);
  wrong.hash = '#token=not-the-token';
  await page.goto(wrong.href);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Lede cannot open here');
  await expect(alert).toContainText('access token is not valid');
  await expect(page.getByLabel('Name')).toHaveCount(0);

  // A fresh load with the printed address (only the fragment differs, so leave the page first).
  await page.goto('about:blank');
  await page.goto(right.href);
  await expect(page.getByLabel('Name')).toBeVisible();
  // The token has been traded for a cookie and removed from the address.
  expect(new URL(page.url()).hash).not.toContain('token');
  // A reload works on the cookie alone.
  await page.reload();
  await expect(page.getByLabel('Name')).toBeVisible();
  // The link is spent, but opened again in the browser it signed in, the cookie still does.
  await page.goto('about:blank');
  await page.goto(right.href);
  await expect(page.getByLabel('Name')).toBeVisible();
});

test('a link signs in one browser once: another browser is told it was used and how to get a new one', async ({ page, shell, browser }) => {
  await page.goto(shell.url);
  await expect(page.getByLabel('Name')).toBeVisible();
  const other = await browser.newContext();
  try {
    const late = await other.newPage();
    await late.goto(shell.url);
    const alert = late.getByRole('alert');
    await expect(alert).toContainText('already used');
    await expect(alert).toContainText('press Enter in the terminal');
    await expect(late.getByLabel('Name')).toHaveCount(0);
  } finally {
    await other.close();
  }
});
