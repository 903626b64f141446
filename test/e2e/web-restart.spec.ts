import type { Page } from '@playwright/test';
import { body, createProfile, expect, newStory, shot, test, waitSaved } from './fixtures';

/**
 * Lede issue 18, item 6 (ADR 0068): the web shell restarts (SIGKILL, then a
 * new launch on the same port, as `npm run web` on its default port is).
 * Its sessions lived in memory, so the open tab's session is gone. The tab
 * says so and offers to sign in again in place; what was typed meanwhile
 * waited in the browser's IndexedDB and reaches core, whether the tab was
 * kept or closed.
 */

const SIGNED_OUT = 'Lede restarted, so this tab was signed out.';

/** The entries waiting in this page's IndexedDB outbox, read as the page itself would. */
function waitingEdits(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('lede-unsaved-edits');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('edits')) return resolve(0);
          const count = db.transaction('edits', 'readonly').objectStore('edits').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

async function typeAStoryThenKill(page: Page, shell: { url: string; kill(): Promise<void> }, typedWhileDown: string): Promise<string> {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  await page.getByLabel('Headline').fill('Council votes on the bridge');
  await body(page).click();
  await page.keyboard.type('Typed before the restart. ');
  await waitSaved(page);
  const storyHash = new URL(page.url()).hash;
  await shell.kill();
  await page.keyboard.type(typedWhileDown);
  await expect(page.locator('.save-indicator')).toHaveAttribute('data-state', 'offline');
  // Written to the browser as it was typed: the real signal that it is kept there.
  await expect.poll(() => waitingEdits(page)).toBeGreaterThan(0);
  return storyHash;
}

test('a tab whose session ended with a restart says so, refuses bad links, and signs in again in place: nothing typed is lost', async ({ page, shell, browser }) => {
  test.setTimeout(180_000);
  await typeAStoryThenKill(page, shell, 'typed-while-down');
  await expect(page.getByRole('alert').filter({ hasText: 'your changes are kept in this browser and will be saved when it is back' })).toBeVisible();
  await shot(page, 'restart-1-shell-down');

  const firstLink = await shell.restart({ samePort: true });
  // The shell is back but does not know this tab: the tab stops retrying blindly and says what happened.
  const signedOut = page.getByRole('region', { name: SIGNED_OUT });
  await expect(signedOut).toBeVisible({ timeout: 20_000 });
  await expect(signedOut).toContainText('Your unsaved changes are kept in this browser');
  await expect(page.getByRole('alert').filter({ hasText: 'Connection to Lede’s core lost' })).toHaveCount(0);
  await expect(page.locator('.save-indicator')).toHaveAttribute('data-state', 'offline');
  await shot(page, 'restart-2-signed-out');

  const field = page.getByRole('textbox', { name: 'New sign-in link' });
  const reconnect = page.getByRole('button', { name: 'Reconnect' });

  // Not a link at all.
  await field.fill('password123');
  await reconnect.click();
  await expect(signedOut.getByRole('alert').filter({ hasText: 'That is not a sign-in link.' })).toBeVisible();
  await shot(page, 'restart-3-not-a-link');

  // A link for another port (another Lede): its session would live somewhere this tab cannot reach.
  const elsewhere = new URL(firstLink);
  elsewhere.port = String(Number(elsewhere.port) + 1);
  await field.fill(elsewhere.href);
  await reconnect.click();
  await expect(signedOut.getByRole('alert').filter({ hasText: `That link is for Lede at ${elsewhere.origin}` })).toBeVisible();

  // A link someone else used first (another browser): one link, one sign-in.
  const other = await browser.newContext();
  try {
    const thief = await other.newPage();
    await thief.goto(firstLink);
    await expect(thief.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();
  } finally {
    await other.close();
  }
  await field.fill(firstLink);
  await reconnect.click();
  await expect(signedOut.getByRole('alert').filter({ hasText: 'This sign-in link was already used' })).toBeVisible();
  await shot(page, 'restart-4-link-used');
  await expect(page.locator('.save-indicator')).toHaveAttribute('data-state', 'offline');

  // Enter in the terminal, the new link pasted: the tab carries on where it was.
  const freshLink = await shell.freshLink();
  await field.fill(freshLink);
  await reconnect.press('Enter');
  await expect(signedOut).toBeHidden();
  await waitSaved(page);
  await expect.poll(() => waitingEdits(page)).toBe(0);
  await expect(body(page)).toContainText('typed-while-down');
  await shot(page, 'restart-5-reconnected');

  // Stored by core, not only shown: a reload reads the story back from the shell.
  await page.reload();
  await expect(page.getByLabel('Headline')).toHaveValue('Council votes on the bridge');
  await expect(body(page)).toContainText('Typed before the restart. typed-while-down');
});

test('a signed-out tab carries on by itself once the new link is opened in another tab of the same browser', async ({ page, shell }) => {
  test.setTimeout(180_000);
  await typeAStoryThenKill(page, shell, 'typed-then-other-tab');
  const link = await shell.restart({ samePort: true });
  const signedOut = page.getByRole('region', { name: SIGNED_OUT });
  await expect(signedOut).toBeVisible({ timeout: 20_000 });
  // Signed out for certain before the other tab signs in: what brings it back is that tab's word, not a retry.
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();
  await expect(signedOut).toBeHidden();
  await waitSaved(page);
  await expect(body(page)).toContainText('typed-then-other-tab');
  await other.close();
  await page.reload();
  await expect(body(page)).toContainText('Typed before the restart. typed-then-other-tab');
});

test('reloaded after the restart, the signed-out page says its unsaved changes are kept; the new link delivers them', async ({ page, shell }) => {
  test.setTimeout(180_000);
  const storyHash = await typeAStoryThenKill(page, shell, 'typed-then-reloaded');
  const link = await shell.restart({ samePort: true });
  await expect(page.getByRole('region', { name: SIGNED_OUT })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  const refused = page.getByRole('alert').filter({ hasText: 'Lede cannot open here' });
  await expect(refused).toContainText('it ended when Lede restarted');
  await expect(refused).toContainText('This browser keeps unsaved changes to one story: they are saved as soon as you sign in here with a new link.');
  await shot(page, 'restart-9-reloaded-signed-out');
  await page.goto(link);
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes this browser kept for one story were saved.' })).toBeVisible();
  await page.goto(new URL(storyHash, link).href);
  await expect(body(page)).toContainText('Typed before the restart. typed-then-reloaded');
});

test('closed while the shell was down, the tab’s typing is delivered when the new link is opened in the same browser', async ({ page, shell }) => {
  test.setTimeout(180_000);
  const storyHash = await typeAStoryThenKill(page, shell, 'typed-then-tab-closed');
  const context = page.context();
  // The browser asks before closing a tab with unsaved edits; the person closes it anyway.
  await page.close({ runBeforeUnload: false });

  const link = await shell.restart({ samePort: true });
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();
  await expect(fresh.getByRole('status').filter({ hasText: 'Unsaved changes this browser kept for one story were saved.' })).toBeVisible();
  await shot(fresh, 'restart-6-delivered-after-tab-closed');
  expect(await waitingEdits(fresh)).toBe(0);

  await fresh.goto(new URL(storyHash, link).href);
  await expect(body(fresh)).toContainText('Typed before the restart. typed-then-tab-closed');
  await fresh.getByRole('button', { name: /^Dismiss: Unsaved changes this browser kept/ }).click();
  await expect(fresh.getByRole('status').filter({ hasText: 'Unsaved changes this browser kept' })).toHaveCount(0);
});

test('kept edits of a story deleted meanwhile, and damaged entries, are reported on the next start; the page still works', async ({ page, shell }) => {
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  // What an older tab might have left: edits for a story that is not in this library, and entries that are not Yjs updates.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('lede-unsaved-edits', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('edits', { keyPath: 'key' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('edits', 'readwrite');
          const store = tx.objectStore('edits');
          store.put({ key: 'old-tab:1', storyId: '00000000-0000-4000-8000-000000000000', update: new Uint8Array([0, 0]), savedAt: Date.now() });
          store.put({ key: 'old-tab:2', storyId: '00000000-0000-4000-8000-000000000001', update: new TextEncoder().encode('garbage'), savedAt: Date.now() });
          store.put({ key: 'old-tab:3', storyId: 'x', update: 'not bytes', savedAt: 'yesterday' });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Stories', exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'the story is no longer in the library. They are kept in this browser.' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 unsaved changes kept in this browser could not be read (damaged) and were not applied.' })).toBeVisible();
  await shot(page, 'restart-7-replay-problems');
  // The story's edits are kept, the damaged ones are gone; the page still works.
  expect(await waitingEdits(page)).toBe(1);
  await newStory(page);
  await page.getByLabel('Headline').fill('Still writing');
  await waitSaved(page);
});

test('the socket dropped with the shell still running is not a sign-out: the tab reconnects on its own session by itself', async ({ page, shell }) => {
  // Every socket of the page goes through here: passed on to the shell, and
  // the first one broken from the page's side, as a flaky network or a proxy would.
  let dropFirst: (() => void) | null = null;
  let sockets = 0;
  await page.routeWebSocket(/\/api\/ws$/, (ws) => {
    sockets++;
    const server = ws.connectToServer();
    if (sockets === 1) dropFirst = () => void ws.close({ code: 4000, reason: 'network dropped' }).then(() => server.close());
  });
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await newStory(page);
  await page.getByLabel('Headline').fill('A short outage');
  await waitSaved(page);
  expect(dropFirst).not.toBeNull();
  dropFirst!();
  await page.getByLabel('Headline').press('End');
  await page.keyboard.type(' and back');
  // Reconnected (a second socket) on the same session: saved, and never told to sign in again.
  await expect.poll(() => sockets).toBe(2);
  await waitSaved(page);
  await expect(page.getByRole('region', { name: SIGNED_OUT })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Headline')).toHaveValue('A short outage and back');
});

test('a browser that will not store (IndexedDB off, as in some private modes) is said once, and no banner promises more than this tab', async ({ page, shell }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  await page.goto(shell.url);
  await createProfile(page, 'Richard Connor', 'Reporter');
  await expect(page.getByRole('status').filter({ hasText: 'This browser did not let Lede keep unsaved changes on this computer (storage is turned off).' })).toHaveCount(1);
  await newStory(page);
  await page.getByLabel('Headline').fill('Kept in memory only');
  await waitSaved(page);
  await shell.kill();
  await page.getByLabel('Headline').press('End');
  await page.keyboard.type(', for now');
  await expect(page.getByRole('alert').filter({ hasText: 'your changes are kept in this tab and will be saved when it is back. Keep the tab open until then.' })).toBeVisible();
  await expect(page.locator('.save-indicator')).toHaveText('Not saved yet — kept in this window');
  await shot(page, 'restart-8-no-browser-storage');

  // Restarted: the tab's session is gone, and the banner does not pretend the browser has the edits.
  await shell.restart({ samePort: true });
  const signedOut = page.getByRole('region', { name: SIGNED_OUT });
  await expect(signedOut).toBeVisible({ timeout: 20_000 });
  await expect(signedOut).toContainText('Your unsaved changes are kept in this tab only: do not close it.');
  await page.getByRole('textbox', { name: 'New sign-in link' }).fill(await shell.freshLink());
  await page.getByRole('button', { name: 'Reconnect' }).click();
  await waitSaved(page);
  await page.reload();
  await expect(page.getByLabel('Headline')).toHaveValue('Kept in memory only, for now');
});
