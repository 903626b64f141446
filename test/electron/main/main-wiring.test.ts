import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_KEY_ENV, DATA_KEY_FILE } from '../../../electron/core/secrets/data-key';
import { contentSecurityPolicy } from '../../../electron/core/security/csp';
import { createPortBridge, type PagePortLike } from '../../../electron/preload/port-bridge';
import type { ConnectionState } from '../../../shared/contract';
import { bundleScript } from '../../helpers/bundle-script';
import { fixturePath, repoRoot } from '../../helpers/fixtures';
import { REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';
import { createFakeElectron, preventable } from '../helpers/fake-electron';

/**
 * The real main process (electron/main/main.ts, bundled as the build does)
 * against a fake 'electron' module, with the real core host in a worker
 * thread as its utility process. What only a real Electron can show (windows
 * on screen, the sandbox) is left to the Playwright smoke test.
 */
const require = createRequire(import.meta.url);
const electronEntry = require.resolve('electron');

let fake: ReturnType<typeof createFakeElectron>;
let dataDir: string;
let appDir: string;
const states: ConnectionState[] = [];
const page = createPortBridge();
page.bridge.onConnection((state) => states.push(state));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const window = () => fake.windows[0]!;
const appFrame = { url: 'app://lede/index.html', parent: null };
const askForPort = (senderFrame: unknown, sender: unknown = window().webContents) => fake.electron.ipcMain.emit('lede:request-port', { sender, senderFrame });
const coreReadyCount = () => fake.record.utility.flatMap((child) => child.messages).filter((m) => (m as { type?: string }).type === 'ready').length;

beforeAll(async () => {
  const tmp = makeTempDir('lede-main-wiring-');
  appDir = path.join(tmp, 'app');
  dataDir = path.join(tmp, 'data');
  const mainFile = path.join(appDir, 'electron', 'main.cjs');
  await build({
    entryPoints: [path.join(repoRoot, 'electron/main/main.ts')],
    outfile: mainFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'error',
  });
  // require('electron') from the bundle resolves through this link to the entry we replace.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(appDir, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(appDir, 'renderer', 'index.html'), '<!doctype html><title>Lede</title>');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'not for the page');

  fake = createFakeElectron({ coreScript: await bundleScript('test/electron/core/host/utility-worker.child.ts'), defaultUserData: path.join(tmp, 'default') });
  require.cache[electronEntry] = { id: electronEntry, filename: electronEntry, loaded: true, exports: fake.electron } as NodeJS.Module;
  const policyFile = path.join(tmp, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify({ dictionaryUrl: 'https://dict.newsroom.example/hunspell', updatesEnabled: false }));
  const previous = { data: process.env.LEDE_DATA_DIR, policy: process.env.LEDE_POLICY_FILE };
  process.env.LEDE_DATA_DIR = dataDir;
  process.env.LEDE_POLICY_FILE = policyFile;
  try {
    require(mainFile);
  } finally {
    for (const [key, value] of [['LEDE_DATA_DIR', previous.data], ['LEDE_POLICY_FILE', previous.policy]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
});

afterAll(async () => {
  delete require.cache[electronEntry];
  for (const child of fake?.record.utility ?? []) await child.worker.terminate();
});

describe('Electron main process wiring', () => {
  it('before ready: privileged app:// scheme, sandbox for all pages, the data folder from LEDE_DATA_DIR', () => {
    expect(fake.record.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
      { scheme: 'lede-media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    expect(fake.record.sandboxEnabled).toBe(true);
    expect(fake.app.getPath('userData')).toBe(dataDir);
    expect(fake.windows).toHaveLength(0);
  });

  it('when ready: forks core on the data folder and opens the secure window on the app page', async () => {
    fake.app.becomeReady();
    await until(() => fake.windows.length === 1, 'the window');
    const [core] = fake.record.utility;
    expect(core!.modulePath).toBe(path.join(appDir, 'electron', 'core-host.mjs'));
    expect(core!.args).toEqual(['--data-dir', dataDir]);
    // The data key comes from the keychain, kept wrapped beside the library, and reaches core only in its environment.
    const env = (core!.options as { env?: Record<string, string> }).env ?? {};
    expect(Buffer.from(env[DATA_KEY_ENV] ?? '', 'base64')).toHaveLength(32);
    expect(fs.readFileSync(path.join(dataDir, DATA_KEY_FILE), 'utf8')).toMatch(/^fake-keychain:/);
    expect(core!.args.join(' ')).not.toContain(env[DATA_KEY_ENV]!);
    expect(window().loadedUrl).toBe('app://lede/index.html');
    expect(window().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: path.join(appDir, 'electron', 'preload.cjs'),
    });
    const menu = JSON.stringify(fake.record.menuTemplate);
    expect(menu).toContain('"pasteAndMatchStyle"');
    expect(menu).toContain('"toggleDevTools"');
  });

  it('serves the built page over app:// with the Content-Security-Policy, and nothing outside it', async () => {
    const handler = fake.record.protocolHandlers.get('app')!;
    const response = await handler(new Request('app://lede/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy({ connect: [], media: ['lede-media:'] }));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Lede</title>');
    expect((await handler(new Request('app://lede/../secret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://lede/%2e%2e/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://lede/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://lede/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('serves stored photos over lede-media:// by hash and variant only, with byte ranges', async () => {
    const sha = 'ab'.repeat(32);
    const thumb = path.join(dataDir, 'media', 'thumbs', 'ab', `${sha}.jpg`);
    fs.mkdirSync(path.dirname(thumb), { recursive: true });
    fs.writeFileSync(thumb, Buffer.from('0123456789'));
    const handler = fake.record.protocolHandlers.get('lede-media')!;
    const whole = await handler(new Request(`lede-media://${sha}/thumb`));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    expect(await whole.text()).toBe('0123456789');
    const part = await handler(new Request(`lede-media://${sha}/thumb`, { headers: { Range: 'bytes=2-4' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
    expect((await handler(new Request(`lede-media://${sha}/thumb`, { headers: { Range: 'bytes=50-' } }))).status).toBe(416);
    for (const url of [`lede-media://${'cd'.repeat(32)}/thumb`, `lede-media://${sha}/secret`, `lede-media://${sha}/../../secret.txt`, 'lede-media://not-a-hash/thumb']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
  });

  it('imports what main’s file dialog picked straight into core, for the app page only', async () => {
    await until(() => coreReadyCount() === 1, 'core to be ready');
    const pick = fake.record.ipcHandlers.get('lede:pick-media')!;
    fake.record.openDialogAnswer = { canceled: false, filePaths: [fixturePath('images', 'metapm.jpg')] };
    expect(await pick({ sender: window().webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, 'files')).toBe(false);
    expect(fake.record.openDialogs).toHaveLength(0);
    expect(await pick({ sender: window().webContents, senderFrame: appFrame }, 'files')).toBe(true);
    expect(fake.record.openDialogs).toHaveLength(1);
    const thumbs = path.join(dataDir, 'media', 'thumbs');
    await until(() => fs.existsSync(thumbs) && fs.readdirSync(thumbs).some((shard) => shard !== 'ab'), 'the imported thumbnail', 20_000);
  });

  it('hands a port only to the top frame of the app page in one of its windows', async () => {
    await until(() => coreReadyCount() === 1, 'core to be ready');
    const given: MessagePort[] = [];
    window().webContents.on('test:port', (_channel: string, port: MessagePort) => given.push(port));
    askForPort({ url: 'https://evil.example/', parent: null });
    askForPort({ url: 'app://lede/index.html', parent: appFrame });
    askForPort(null);
    askForPort(appFrame, { not: 'a window' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(given).toHaveLength(0);

    window().webContents.on('test:port', (_channel: string, port: MessagePort) => page.usePort(port as unknown as PagePortLike));
    window().webContents.on('test:sent', (channel: string) => channel === 'lede:core-lost' && page.coreLost());
    askForPort(appFrame);
    expect(given).toHaveLength(1);
    await expect(page.bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, value: { version: '0.0.0', shell: 'electron' } });
    await expect(page.bridge.invoke('profile.set', REPORTER)).resolves.toMatchObject({ ok: true });
  });

  it('keeps the page on the app: navigation blocked, only http(s) links opened outside', () => {
    const contents = window().webContents;
    const away = preventable({ url: 'https://evil.example/' });
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const redirect = preventable({ url: 'file:///etc/passwd' });
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const inApp = preventable({ url: 'app://lede/index.html#/story/1' });
    contents.emit('will-navigate', inApp);
    expect(inApp.defaultPrevented).toBe(false);
    const webview = preventable();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);

    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'lede-media://x', 'https://user:pw@example.org/']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(contents.openHandler!({ url: 'https://example.org/a b' })).toEqual({ action: 'deny' });
    expect(fake.record.openedExternally).toEqual(['https://example.org/a%20b']);
  });

  it('spellchecks in the language the app page asks for, with dictionaries from the policy URL', () => {
    expect(fake.record.spellcheck.downloadUrl).toBe('https://dict.newsroom.example/hunspell/');
    const ask = (senderFrame: unknown, value: unknown) => fake.electron.ipcMain.emit('lede:shell:spellcheck-languages', { sender: window().webContents, senderFrame }, value);
    ask(appFrame, ['pt-br', 'en']);
    expect(fake.record.spellcheck).toMatchObject({ languages: ['pt-BR', 'en-US'], enabled: true });
    // From a frame that is not the app page's top frame, or not a list of tags: ignored.
    ask({ url: 'https://evil.example/', parent: null }, ['de']);
    ask({ url: 'app://lede/index.html', parent: appFrame }, ['de']);
    ask(appFrame, 'de');
    ask(appFrame, ['de', { toString: () => 'x' }]);
    expect(fake.record.spellcheck.languages).toEqual(['pt-BR', 'en-US']);
    // A language without a dictionary turns checking off instead of marking every word.
    ask(appFrame, ['ar']);
    expect(fake.record.spellcheck.enabled).toBe(false);
    ask(appFrame, ['de']);
    expect(fake.record.spellcheck).toMatchObject({ languages: ['de'], enabled: true });
  });

  it('offers spelling suggestions and "Add to dictionary" in the context menu', () => {
    const contents = window().webContents;
    contents.emit('context-menu', preventable(), {
      misspelledWord: 'Moskow',
      dictionarySuggestions: ['Moscow'],
      isEditable: true,
      selectionText: '',
      linkURL: '',
      editFlags: { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
    });
    const menu = fake.record.popups.at(-1) as Array<{ label?: string; role?: string; click?: () => void }>;
    expect(menu.map((item) => item.label ?? item.role ?? '-')).toEqual([
      'Moscow', 'Add “Moskow” to dictionary', '-', 'undo', 'redo', '-', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', '-', 'selectAll',
    ]);
    menu[0]!.click!();
    menu[1]!.click!();
    expect(contents.replaced).toEqual(['Moscow']);
    expect(fake.record.spellcheck.added).toEqual(['Moskow']);
  });

  it('Help › Keyboard Shortcuts tells the page to show its shortcuts screen', () => {
    const template = fake.record.menuTemplate as Array<{ role?: string; submenu?: Array<{ label: string; click(): void }> }>;
    const help = template.find((item) => item.role === 'help')!;
    help.submenu![0]!.click();
    expect(window().webContents.sentArgs.at(-1)).toEqual(['lede:shell:command', [{ type: 'show-shortcuts' }]]);
  });

  it('denies permissions except clipboard writes from the app page', () => {
    const answers: boolean[] = [];
    fake.record.permissionRequest!(null, 'media', (granted) => answers.push(granted), { requestingUrl: 'app://lede/index.html' });
    fake.record.permissionRequest!(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://lede/index.html' });
    fake.record.permissionRequest!(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'https://evil.example/' });
    expect(answers).toEqual([false, true, false]);
    expect(fake.record.permissionCheck!(null, 'geolocation', 'app://lede')).toBe(false);
    expect(fake.record.devicePermission!()).toBe(false);
  });

  it('reloads a crashed page, and focuses the window on a second start', () => {
    const contents = window().webContents;
    contents.emit('render-process-gone', preventable(), { reason: 'crashed', exitCode: 139 });
    contents.emit('render-process-gone', preventable(), { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reloads).toBe(1);
    fake.app.emit('second-instance', preventable(), ['lede']);
    expect(window().focusCount).toBe(1);
  });

  it('restarts a core that died and gives the window a fresh port to it', async () => {
    fake.record.utility[0]!.kill();
    await until(() => states.includes('lost'), 'the page to hear that core is lost');
    await expect(page.bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'disconnected' } });
    await until(() => states.at(-1) === 'open', 'the page to be connected again');
    expect(states).toEqual(['lost', 'open']);
    expect(fake.record.utility).toHaveLength(2);
    await expect(page.bridge.invoke('profile.get', {})).resolves.toEqual({ ok: true, value: REPORTER });
  });

  it('remembers the window’s bounds when it closes', async () => {
    window().close();
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'));
    expect(saved).toMatchObject({ width: 1280, height: 820, maximized: false });
  });

  it('quits only after core drained and closed the library', async () => {
    fake.app.quit();
    expect(fake.record.quit).toBe(false);
    await until(() => fake.record.quit, 'the quit to go through');
    const core = fake.record.utility[1]!;
    expect(core.messages.at(-1)).toEqual({ type: 'closed' });
    await until(() => core.exitCode !== null, 'core to exit');
    expect(core.exitCode).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'lede.lock.json'))).toBe(false);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'lede.log'), 'utf8');
    expect(log).toContain('electron main: core shut down {"outcome":"closed"}');
    // The policy (LEDE_POLICY_FILE) turned updates off; main said so and never loaded the updater.
    expect(log).toContain('electron main: updates off {"reason":"turned off by the newsroom policy (updatesEnabled: false)"}');
    expect(fake.record.errorBoxes).toEqual([]);
  });
});
