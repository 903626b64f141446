import { EventEmitter } from 'node:events';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/**
 * Just enough of Electron's main-process API to load the real main bundle
 * under Node and drive it: app events, windows, IPC, protocol, session, and a
 * utility process played by a worker thread running the real core host. It
 * records what main asked of Electron so tests can check the wiring.
 */
export interface Preventable {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventable<T extends object>(fields: T = {} as T): T & Preventable {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** A MessagePortMain in main; `node` is what the other side receives when it is transferred. */
export class FakeMainPort extends EventEmitter {
  constructor(readonly node: MessagePort) {
    super();
  }
  postMessage(message: unknown) {
    this.node.postMessage(message);
  }
  start() {}
  close() {
    this.node.close();
  }
}

export class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: string[] = [];
  readonly sentArgs: Array<[string, unknown[]]> = [];
  readonly replaced: string[] = [];
  reloads = 0;
  destroyed = false;
  constructor(readonly session: unknown) {
    super();
  }
  replaceMisspelling(word: string) {
    this.replaced.push(word);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  /** Main handing a port to the page: the page (the test) gets Node's port via 'test:port'. */
  postMessage(channel: string, _message: unknown, transfer: FakeMainPort[] = []) {
    for (const port of transfer) this.emit('test:port', channel, port.node);
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push(channel);
    this.sentArgs.push([channel, args]);
    this.emit('test:sent', channel);
  }
  reload() {
    this.reloads += 1;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly worker: Worker;
  readonly messages: unknown[] = [];
  exitCode: number | null = null;
  readonly stdout = null;
  readonly stderr = null;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: unknown,
    script: string,
  ) {
    super();
    // The environment main gives the utility process (the data key among it) is the worker's own.
    const env = (options as { env?: NodeJS.ProcessEnv } | undefined)?.env;
    this.worker = new Worker(script, { argv: args, ...(env ? { env } : {}) });
    this.worker.on('message', (message: unknown) => {
      this.messages.push(message);
      this.emit('message', message);
    });
    this.worker.on('exit', (code) => {
      this.exitCode = code;
      this.emit('exit', code);
    });
  }
  postMessage(message: unknown, transfer: FakeMainPort[] = []) {
    const ports = transfer.map((port) => port.node);
    this.worker.postMessage({ data: message, ports }, ports);
  }
  kill() {
    void this.worker.terminate();
    return true;
  }
}

export function createFakeElectron(options: { coreScript: string; defaultUserData: string }) {
  const record = {
    schemes: [] as unknown[],
    sandboxEnabled: false,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    openDialogs: [] as unknown[],
    openDialogAnswer: { canceled: true, filePaths: [] as string[] },
    permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void),
    permissionCheck: null as null | ((contents: unknown, permission: string, origin: string) => boolean),
    devicePermission: null as null | (() => boolean),
    menuTemplate: null as unknown,
    openedExternally: [] as string[],
    errorBoxes: [] as string[],
    messageBoxes: [] as unknown[],
    popups: [] as unknown[][],
    spellcheck: { downloadUrl: null as string | null, languages: [] as string[], enabled: true, added: [] as string[] },
    quitAttempts: 0,
    quit: false,
    utility: [] as FakeUtilityProcess[],
  };
  const paths = new Map([['userData', options.defaultUserData]]);
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  class FakeApp extends EventEmitter {
    readonly name = 'Lede';
    readonly isPackaged = false;
    private readyFlag = false;
    setPath(name: string, value: string) {
      paths.set(name, value);
    }
    getPath(name: string) {
      return paths.get(name) ?? `/fake/${name}`;
    }
    enableSandbox() {
      record.sandboxEnabled = true;
    }
    requestSingleInstanceLock() {
      return true;
    }
    whenReady() {
      return ready;
    }
    isReady() {
      return this.readyFlag;
    }
    getVersion() {
      return '0.0.0-test';
    }
    quit() {
      record.quitAttempts += 1;
      const event = preventable();
      this.emit('before-quit', event);
      if (!event.defaultPrevented) record.quit = true;
    }
    /** Test control: Electron finished starting. */
    becomeReady() {
      this.readyFlag = true;
      markReady();
    }
  }
  const app = new FakeApp();

  class FakeBrowserWindow extends EventEmitter {
    static readonly all: FakeBrowserWindow[] = [];
    private static nextId = 1;
    static fromWebContents(contents: unknown) {
      return FakeBrowserWindow.all.find((window) => window.webContents === contents) ?? null;
    }
    static getAllWindows() {
      return FakeBrowserWindow.all.filter((window) => !window.destroyed);
    }
    readonly id = FakeBrowserWindow.nextId++;
    readonly webContents = new FakeWebContents(electron.session.defaultSession);
    loadedUrl: string | null = null;
    destroyed = false;
    focusCount = 0;
    constructor(readonly options: { x?: number; y?: number; width: number; height: number; webPreferences: Record<string, unknown> }) {
      super();
      FakeBrowserWindow.all.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    getNormalBounds() {
      return { x: this.options.x ?? 100, y: this.options.y ?? 80, width: this.options.width, height: this.options.height };
    }
    isMaximized() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    maximize() {}
    restore() {}
    show() {}
    focus() {
      this.focusCount += 1;
    }
    close() {
      this.emit('close', preventable());
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  class MessageChannelMain {
    readonly port1: FakeMainPort;
    readonly port2: FakeMainPort;
    constructor() {
      const { port1, port2 } = new MessageChannel();
      this.port1 = new FakeMainPort(port1);
      this.port2 = new FakeMainPort(port2);
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    MessageChannelMain,
    ipcMain: Object.assign(new EventEmitter(), {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => record.ipcHandlers.set(channel, handler),
    }),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => record.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => record.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof record.permissionRequest) => (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof record.permissionCheck) => (record.permissionCheck = handler),
        setDevicePermissionHandler: (handler: typeof record.devicePermission) => (record.devicePermission = handler),
        on() {},
        availableSpellCheckerLanguages: ['en-GB', 'en-US', 'de', 'pt-BR'],
        setSpellCheckerDictionaryDownloadURL: (url: string) => (record.spellcheck.downloadUrl = url),
        setSpellCheckerLanguages: (languages: string[]) => (record.spellcheck.languages = languages),
        setSpellCheckerEnabled: (enabled: boolean) => (record.spellcheck.enabled = enabled),
        addWordToSpellCheckerDictionary: (word: string) => record.spellcheck.added.push(word),
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template, popup: () => record.popups.push(template) }),
      setApplicationMenu: (menu: { template: unknown }) => (record.menuTemplate = menu.template),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => record.errorBoxes.push(`${title}: ${content}`),
      showOpenDialog: (_window: unknown, dialogOptions: unknown) => {
        record.openDialogs.push(dialogOptions);
        return Promise.resolve(record.openDialogAnswer);
      },
      showMessageBox: (...args: unknown[]) => {
        record.messageBoxes.push(args);
        return Promise.resolve({ response: 1 });
      },
    },
    shell: {
      openExternal: (url: string) => {
        record.openedExternally.push(url);
        return Promise.resolve();
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    // A stand-in OS keychain: what it seals only it can open (a marker and the text, reversed).
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`fake-keychain:${[...text].reverse().join('')}`),
      decryptString: (sealed: Buffer) => {
        const text = sealed.toString();
        if (!text.startsWith('fake-keychain:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return [...text.slice('fake-keychain:'.length)].reverse().join('');
      },
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[], forkOptions: unknown) => {
        const child = new FakeUtilityProcess(modulePath, args, forkOptions, options.coreScript);
        record.utility.push(child);
        return child;
      },
    },
  };
  return { electron, app, record, windows: FakeBrowserWindow.all };
}
