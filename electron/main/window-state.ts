import fs from 'node:fs';
import path from 'node:path';
import { WINDOW_OPTIONS } from './window-options';

/**
 * Where the window was and how big, kept in `window-state.json` in the data
 * folder. The file is read defensively: a damaged, hand-edited or foreign
 * file, or a position on a monitor that is no longer attached, gives the
 * default window rather than one that cannot be seen.
 */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_STATE: WindowState = Object.freeze({ width: 1280, height: 820, maximized: false });

const MAX_DIMENSION = 16_384;
const MAX_COORDINATE = 100_000;
const MAX_FILE_BYTES = 4096;
/** How much of the title bar must be on a screen for a saved position to be used. */
const MIN_VISIBLE = 64;

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A WindowState from untrusted JSON, or null if it is not one. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!isInt(v.width, WINDOW_OPTIONS.minWidth, MAX_DIMENSION)) return null;
  if (!isInt(v.height, WINDOW_OPTIONS.minHeight, MAX_DIMENSION)) return null;
  if (v.maximized !== undefined && typeof v.maximized !== 'boolean') return null;
  const state: WindowState = { width: v.width, height: v.height, maximized: v.maximized === true };
  // A position is all or nothing; half a position is treated as none.
  if (isInt(v.x, -MAX_COORDINATE, MAX_COORDINATE) && isInt(v.y, -MAX_COORDINATE, MAX_COORDINATE)) {
    state.x = v.x;
    state.y = v.y;
  }
  return state;
}

/**
 * Keeps a saved state usable on today's screens: the size is shrunk to the
 * largest screen, and a position whose title bar would not be reachable on
 * any screen is dropped (the window is then centred).
 */
export function fitToScreens(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const widest = Math.max(...workAreas.map((area) => area.width));
  const tallest = Math.max(...workAreas.map((area) => area.height));
  const fitted: WindowState = {
    width: Math.max(WINDOW_OPTIONS.minWidth, Math.min(state.width, widest)),
    height: Math.max(WINDOW_OPTIONS.minHeight, Math.min(state.height, tallest)),
    maximized: state.maximized,
  };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar: Rect = { x: state.x, y: state.y, width: fitted.width, height: MIN_VISIBLE };
  const reachable = workAreas.some((area) => overlap(titleBar, area) >= MIN_VISIBLE * MIN_VISIBLE);
  return reachable ? { ...fitted, x: state.x, y: state.y } : fitted;
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let parsed: WindowState | null = null;
  try {
    const stat = fs.statSync(file);
    if (stat.isFile() && stat.size <= MAX_FILE_BYTES) parsed = parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    // Missing or unreadable: the default window.
  }
  return fitToScreens(parsed ?? DEFAULT_WINDOW_STATE, workAreas);
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = parseWindowState(state);
  if (!valid) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(valid)}\n`);
  fs.renameSync(temp, file);
}
