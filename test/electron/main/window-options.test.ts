import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES, WINDOW_OPTIONS, windowOptionsFor } from '../../../electron/main/window-options';

// docs/product.md, Security. If one of these changes, the change must be deliberate: update
// this list in the same commit and say why in its message.
const REQUIRED_SECURITY = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
} as const;

describe('window options', () => {
  it('keeps every security setting of the workstation window', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject(REQUIRED_SECURITY);
    expect(WINDOW_OPTIONS.webPreferences).toBe(SECURE_WEB_PREFERENCES);
  });

  it('has no switches that weaken the page', () => {
    const preferences = SECURE_WEB_PREFERENCES as Record<string, unknown>;
    for (const key of ['enableBlinkFeatures', 'preload', 'additionalArguments', 'devTools', 'partition', 'session']) {
      expect(preferences[key], key).toBeUndefined();
    }
    expect(SECURE_WEB_PREFERENCES.spellcheck).toBe(true);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(Object.isFrozen(WINDOW_OPTIONS)).toBe(true);
    expect(() => {
      (SECURE_WEB_PREFERENCES as { sandbox: boolean }).sandbox = false;
    }).toThrow();
  });

  it('adds only the preload path and bounds for a window, never overriding security', () => {
    const options = windowOptionsFor({ preload: '/app/dist/electron/preload.cjs', bounds: { x: 10, y: 20, width: 1000, height: 700 } });
    expect(options.webPreferences).toEqual({ ...REQUIRED_SECURITY, ...SECURE_WEB_PREFERENCES, preload: '/app/dist/electron/preload.cjs' });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
  });

  it('leaves the position to the system when none is saved', () => {
    const options = windowOptionsFor({ preload: '/p.cjs', bounds: { width: 900, height: 600 } });
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('y');
  });
});
