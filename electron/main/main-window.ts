import { BrowserWindow, dialog, screen, shell, type WebContents } from 'electron';
import type { Logger } from '../core/log';
import { RestartBudget } from './restart-budget';
import { APP_ENTRY_URL, externalLinkDecision, isAppPage, schemeForLog } from './url-policy';
import { windowOptionsFor } from './window-options';
import { loadWindowState, saveWindowState, type WindowState } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  stateFile: string;
  log: Logger;
}

/** The workstation window: secure options, locked-down contents, remembered bounds, reload after a crash. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = loadWindowState(
    options.stateFile,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow(windowOptionsFor({ preload: options.preloadPath, bounds: state }));
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // Navigation and new-window guards are applied to every WebContents in main.ts.
  rememberBounds(window, options.stateFile, options.log);
  reloadAfterCrash(window, options.log);

  void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => options.log.error('window could not load the page', { error }));
  return window;
}

/**
 * No navigation away from the workstation page, no new windows, no webviews.
 * Links meant for the outside (window.open, target=_blank, the editor's link
 * clicks) open in the person's browser, and only if they are plain http(s).
 * Applied to every WebContents the app creates, not only ours.
 */
export function lockDownContents(contents: WebContents, log: Logger): void {
  const refuseNavigation = (event: { url: string; preventDefault(): void }, kind: string) => {
    if (isAppPage(event.url)) return;
    event.preventDefault();
    log.warn(`${kind} blocked`, { scheme: schemeForLog(event.url) });
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, 'navigation'));
  contents.on('will-redirect', (event) => refuseNavigation(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = externalLinkDecision(url);
    if (decision.allowed) {
      shell.openExternal(decision.url).catch((error: unknown) => log.warn('could not open link in the browser', { error }));
    } else {
      log.warn('link not opened', { scheme: schemeForLog(url), reason: decision.reason });
    }
    return { action: 'deny' };
  });
}

function rememberBounds(window: BrowserWindow, stateFile: string, log: Logger): void {
  const current = (): WindowState => {
    const bounds = window.getNormalBounds();
    return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
  };
  const save = () => {
    try {
      saveWindowState(stateFile, current());
    } catch (error) {
      log.warn('could not remember the window position', { error });
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', saveSoon);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}

/**
 * A crashed or killed page is reloaded: the preload asks for a new port and
 * the renderer reconnects, with every acknowledged edit safe in core. A page
 * that keeps crashing is not reloaded in a loop: the person is asked.
 */
function reloadAfterCrash(window: BrowserWindow, log: Logger): void {
  const budget = new RestartBudget(3, 60_000);
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('page process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    if (budget.take(Date.now())) {
      window.webContents.reload();
      return;
    }
    void dialog
      .showMessageBox(window, {
        type: 'error',
        title: 'Lede',
        message: 'Lede’s window keeps crashing.',
        detail: 'Your saved work is safe. Reload to try again, or quit and start Lede again.',
        buttons: ['Reload', 'Quit'],
        defaultId: 0,
      })
      .then(({ response }) => {
        if (window.isDestroyed()) return;
        if (response === 0) window.webContents.reload();
        else window.close();
      });
  });
  window.webContents.on('unresponsive', () => log.warn('page unresponsive'));
}
