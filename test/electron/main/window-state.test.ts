import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToScreens,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  WINDOW_STATE_FILE,
  type Rect,
} from '../../../electron/main/window-state';
import { makeTempDir } from '../../helpers/temp-dir';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 900 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state validation', () => {
  it('accepts a complete state', () => {
    expect(parseWindowState({ x: 40, y: 30, width: 1200, height: 800, maximized: true })).toEqual({
      x: 40,
      y: 30,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('treats a missing flag as not maximized and half a position as none', () => {
    expect(parseWindowState({ width: 1200, height: 800 })).toEqual({ width: 1200, height: 800, maximized: false });
    expect(parseWindowState({ x: 5, width: 1200, height: 800 })).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it.each([
    null,
    42,
    'window',
    [],
    {},
    { width: '1200', height: 800 },
    { width: 1200.5, height: 800 },
    { width: 100, height: 800 },
    { width: 1200, height: 10 },
    { width: 1e9, height: 800 },
    { width: Number.NaN, height: 800 },
    { width: 1200, height: 800, maximized: 'yes' },
  ])('rejects %j', (value) => {
    expect(parseWindowState(value)).toBeNull();
  });

  it('drops absurd coordinates but keeps the size', () => {
    expect(parseWindowState({ x: 1e12, y: 0, width: 1200, height: 800 })).toEqual({ width: 1200, height: 800, maximized: false });
  });
});

describe('fitting a saved window to the screens of today', () => {
  it('keeps a window that is on a screen', () => {
    const state = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitToScreens(state, [laptop, external])).toEqual(state);
  });

  it('forgets the position on a monitor that was unplugged', () => {
    expect(fitToScreens({ x: 1600, y: 100, width: 1400, height: 900, maximized: false }, [laptop])).toEqual({
      width: 1400,
      height: 900,
      maximized: false,
    });
  });

  it('forgets a position whose title bar is off every screen', () => {
    expect(fitToScreens({ x: 100, y: -700, width: 1000, height: 800, maximized: false }, [laptop])).not.toHaveProperty('x');
  });

  it('shrinks a window larger than any screen', () => {
    expect(fitToScreens({ width: 5000, height: 3000, maximized: false }, [laptop])).toEqual({ width: 1440, height: 900, maximized: false });
  });

  it('leaves the state alone when no screens are known', () => {
    const state = { x: 1, y: 2, width: 1000, height: 700, maximized: false };
    expect(fitToScreens(state, [])).toEqual(state);
  });
});

describe('window state file', () => {
  it('round-trips through the file', () => {
    const file = path.join(makeTempDir(), WINDOW_STATE_FILE);
    saveWindowState(file, { x: 50, y: 60, width: 1100, height: 750, maximized: true });
    expect(loadWindowState(file, [laptop])).toEqual({ x: 50, y: 60, width: 1100, height: 750, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual([WINDOW_STATE_FILE]);
  });

  it('gives the default window for a missing, damaged, foreign or huge file', () => {
    const dir = makeTempDir();
    const file = path.join(dir, WINDOW_STATE_FILE);
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{"width": 1200, "height": ');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, JSON.stringify({ width: -5, height: 'tall' }));
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, JSON.stringify({ width: 1200, height: 800, padding: 'x'.repeat(10_000) }));
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    fs.rmSync(file);
    fs.mkdirSync(file);
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('does not write a state that is not valid', () => {
    const file = path.join(makeTempDir(), WINDOW_STATE_FILE);
    saveWindowState(file, { width: 1, height: 1, maximized: false });
    expect(fs.existsSync(file)).toBe(false);
  });
});
