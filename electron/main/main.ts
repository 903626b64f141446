import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, session, shell, type IpcMainEvent, type IpcMainInvokeEvent, type MessagePortMain } from 'electron';
import { LedeError } from '../../shared/errors';
import { parseSpellcheckLanguages, SHELL_IPC, type ShellCommand } from '../../shared/shell';
import { createLogger, type Logger } from '../core/log';
import { loadPolicy } from '../core/policy/policy-file';
import { unlockDataKey } from '../core/secrets/data-key';
import { electronKeychain } from './keychain';
import { contentSecurityPolicy } from '../core/security/csp';
import { appMenuTemplate } from './app-menu';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { spawnCoreProcess } from './core-process';
import { CoreSupervisor, DEFAULT_SHUTDOWN_TIMEOUT_MS } from './core-supervisor';
import { repeatedCrashText, startupFailureText } from './failure-text';
import { IPC } from './ipc-channels';
import { dataDirOverride } from './main-args';
import { createMainWindow, lockDownContents } from './main-window';
import { MEDIA_DIALOG_FILTERS, droppedPaths } from './media-dialog';
import { serveMediaProtocol } from './media-protocol';
import { PortBroker, type BrokeredWindow } from './port-broker';
import { isTrustedSenderFrame } from './sender-frame';
import { applySessionPolicy } from './session-policy';
import { applySpellcheckSource, attachContextMenu, applySpellcheckLanguages } from './spellcheck';
import { decideUpdates } from './update-policy';
import { startUpdates } from './updater';
import { externalLinkDecision, schemeForLog } from './url-policy';
import { WINDOW_STATE_FILE } from './window-state';

/**
 * Electron's main process: windows, security, menu, and a broker between
 * pages and the core process. It holds no business logic: the API lives in
 * core, which runs in a utility process (see core-process.ts), and each page
 * talks to it over its own MessagePort.
 */

// Before anything reads it: a data folder chosen by argument or environment
// also separates the single-instance lock, so tests never meet a running Lede.
const dataDirArg = dataDirOverride(process.argv, process.env);
if (dataDirArg) app.setPath('userData', path.resolve(dataDirArg));
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another Lede on this data folder is running; it has been asked to show itself.
  app.quit();
} else {
  startShell();
}

function startShell(): void {
  const dataDir = app.getPath('userData');
  const logDir = path.join(dataDir, 'logs');
  const log = withPrefix(createLogger(logDir), 'electron main: ');
  const rendererDir = path.join(__dirname, '..', 'renderer');
  const preloadPath = path.join(__dirname, 'preload.cjs');
  const coreHostPath = path.join(__dirname, 'core-host.mjs');
  const windows = new Map<number, BrowserWindow>();
  let quitting: 'no' | 'draining' | 'done' = 'no';
  // Main reads the same policy file core does, for what only the shell uses:
  // the update feed and where spellcheck dictionaries come from.
  const policy = loadPolicy({ log });
  let unlocked: Buffer | null | undefined;
  const dataKey = () => {
    if (unlocked === undefined) {
      const { key, problem } = unlockDataKey(dataDir, electronKeychain(), log);
      if (problem) log.warn('saved sign-in could not be unlocked; sync asks to sign in again', { problem });
      unlocked = key;
    }
    return unlocked;
  };

  const broker = new PortBroker<MessagePortMain>(() => {
    const { port1, port2 } = new MessageChannelMain();
    return { forCore: port1, forWindow: port2 };
  });

  const supervisor = new CoreSupervisor<MessagePortMain>({
    // After app ready (safeStorage needs it): the supervisor starts the core from whenReady.
    spawn: () => spawnCoreProcess(coreHostPath, dataDir, dataKey()),
    onReady: (core) => broker.coreReady(core),
    onLost: () => broker.coreLost(),
    onFatal: (failure) => {
      const text = startupFailureText(failure, dataDir);
      dialog.showErrorBox(text.message, text.detail);
      app.quit();
    },
    onGaveUp: (detail) => {
      if (quitting !== 'no') return;
      const text = repeatedCrashText(detail, logDir);
      void dialog
        .showMessageBox({ type: 'error', title: text.title, message: text.message, detail: text.detail, buttons: ['Try again', 'Quit Lede'], defaultId: 0, cancelId: 1 })
        .then(({ response }) => (response === 0 ? supervisor.retry() : app.quit()));
    },
    log,
  });

  const brokered = (window: BrowserWindow): BrokeredWindow<MessagePortMain> => ({
    id: window.id,
    givePort: (port) => {
      if (window.isDestroyed()) port.close();
      else window.webContents.postMessage(IPC.port, null, [port]);
    },
    tellCoreLost: () => {
      if (!window.isDestroyed()) window.webContents.send(IPC.coreLost);
    },
  });

  const openExternal = (url: string) => {
    const decision = externalLinkDecision(url);
    if (decision.allowed) shell.openExternal(decision.url).catch((error: unknown) => log.warn('could not open link in the browser', { error }));
  };

  /** UI-shell messages to every window's page (menu commands, update notices). */
  const tellPages = (command: ShellCommand) => {
    for (const window of windows.values()) if (!window.isDestroyed()) window.webContents.send(SHELL_IPC.command, command);
  };

  const openWindow = () => {
    const window = createMainWindow({ preloadPath, stateFile: path.join(dataDir, WINDOW_STATE_FILE), log });
    attachContextMenu(window, openExternal);
    const id = window.id;
    windows.set(id, window);
    window.on('closed', () => {
      windows.delete(id);
      broker.windowClosed(id);
    });
    return window;
  };

  app.on('second-instance', () => {
    const [window] = windows.values();
    if (!window) {
      if (app.isReady()) openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  // Every WebContents, ours or not (devtools, anything a bug might open), gets the same guards.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, log));

  /** The window behind an IPC message, only if it is one of ours and the message came from its app page's top frame. */
  const trustedWindow = (event: IpcMainEvent | IpcMainInvokeEvent, what: string): BrowserWindow | null => {
    const window = BrowserWindow.fromWebContents(event.sender);
    if (!window || !windows.has(window.id) || !isTrustedSenderFrame(event.senderFrame)) {
      log.warn(`${what} refused`, { sender: event.senderFrame ? schemeForLog(event.senderFrame.url) : 'frame gone' });
      return null;
    }
    return window;
  };

  ipcMain.on(IPC.requestPort, (event) => {
    const window = trustedWindow(event, 'port request');
    if (window) broker.windowAsked(brokered(window));
  });

  ipcMain.on(SHELL_IPC.spellcheckLanguages, (event, value: unknown) => {
    const window = trustedWindow(event, 'spellcheck language');
    if (!window) return;
    const tags = parseSpellcheckLanguages(value);
    if (!tags) {
      log.warn('spellcheck language refused: not a list of language tags');
      return;
    }
    applySpellcheckLanguages(window.webContents.session, tags, log);
  });

  // Photos: main's dialogs hand paths to core directly; the page only hears progress events.
  ipcMain.handle(IPC.pickMedia, async (event: IpcMainInvokeEvent, mode: unknown) => {
    const window = trustedWindow(event, 'photo import dialog');
    if (!window) return false;
    const folders = mode === 'folder';
    const picked = await dialog.showOpenDialog(window, {
      title: folders ? 'Import a folder of photos' : 'Import photos',
      properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
      filters: folders ? undefined : MEDIA_DIALOG_FILTERS,
    });
    return !picked.canceled && supervisor.importPaths(picked.filePaths);
  });
  ipcMain.on(IPC.importDropped, (event, paths: unknown) => {
    if (trustedWindow(event, 'dropped photos')) supervisor.importPaths(droppedPaths(paths));
  });
  ipcMain.handle(IPC.pickFolder, async (event: IpcMainInvokeEvent) => {
    const window = trustedWindow(event, 'export folder dialog');
    if (!window) return null;
    const picked = await dialog.showOpenDialog(window, { title: 'Export photos to…', properties: ['openDirectory', 'createDirectory'] });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });

  app.on('before-quit', (event) => {
    if (quitting === 'done') return;
    // Quit only after core has written everything pending and closed the database.
    event.preventDefault();
    if (quitting === 'draining') return;
    quitting = 'draining';
    void supervisor.shutdown(DEFAULT_SHUTDOWN_TIMEOUT_MS).then((outcome) => {
      log.info('core shut down', { outcome });
      quitting = 'done';
      app.quit();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (windows.size === 0 && app.isReady() && quitting === 'no') openWindow();
  });

  void app.whenReady().then(() => {
    serveAppProtocol(protocol, rendererDir, contentSecurityPolicy({ connect: [], media: ['lede-media:'] }));
    serveMediaProtocol(protocol, dataDir, (sha256, variant) => supervisor.ensureMedia(sha256, variant));
    applySessionPolicy(session.defaultSession, log);
    applySpellcheckSource(session.defaultSession, policy.policy.dictionaryUrl, log);
    const onShowShortcuts = () => tellPages({ type: 'show-shortcuts' });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ appName: app.name, platform: process.platform, isPackaged: app.isPackaged, onShowShortcuts })),
    );
    try {
      // Unlocked before the core starts: a key the library depends on and the keychain cannot give stops here, with its reason.
      dataKey();
    } catch (error) {
      if (!(error instanceof LedeError)) throw error;
      const text = startupFailureText({ code: error.code, message: error.message }, dataDir);
      dialog.showErrorBox(text.message, text.detail);
      app.quit();
      return;
    }
    supervisor.start();
    openWindow();
    const updates = decideUpdates({ policy: policy.policy.updates, isPackaged: app.isPackaged, platform: process.platform, appImage: process.env.APPIMAGE });
    void startUpdates(updates, log, (notice) => tellPages({ type: 'update-status', ...notice }));
    log.info('started', { version: app.getVersion(), electron: process.versions.electron, packaged: app.isPackaged });
  });
}

function withPrefix(log: Logger, prefix: string): Logger {
  return {
    debug: (message, fields) => log.debug(prefix + message, fields),
    info: (message, fields) => log.info(prefix + message, fields),
    warn: (message, fields) => log.warn(prefix + message, fields),
    error: (message, fields) => log.error(prefix + message, fields),
  };
}
