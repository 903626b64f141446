import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The one place the workstation window's options are set. The security
 * settings are fixed here and nowhere else (docs/product.md, Security); a unit test fails
 * if any of them changes. Only the preload path and the window's bounds are
 * filled in at run time, by `windowOptionsFor`, which cannot override them.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
} satisfies WebPreferences);

export const WINDOW_OPTIONS = Object.freeze({
  title: 'Lede',
  minWidth: 720,
  minHeight: 480,
  // Shown on 'ready-to-show', so the window never flashes white and empty.
  show: false,
  backgroundColor: '#ffffff',
  autoHideMenuBar: false,
  webPreferences: SECURE_WEB_PREFERENCES,
} satisfies BrowserWindowConstructorOptions);

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** The options for one window: the constant above plus where it goes and its preload. */
export function windowOptionsFor(options: { preload: string; bounds: WindowBounds }): BrowserWindowConstructorOptions {
  const { x, y, width, height } = options.bounds;
  return {
    ...WINDOW_OPTIONS,
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    width,
    height,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  };
}
