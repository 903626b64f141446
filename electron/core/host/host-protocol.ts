import { ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import { isMediaHash } from '../../../shared/media-hash';
import { isMediaVariant, type MediaVariant } from '../../../shared/media-variants';

/**
 * What Electron's main process and the core's utility process say to each
 * other over `process.parentPort`. API calls never travel here: each window
 * gets its own MessagePort (sent with a `connect`) that speaks shared/wire.ts.
 * Both sides parse what they receive, because a message that does not fit
 * must be logged and dropped, never acted on half-understood.
 */
export type MainToHost =
  /** Carries one MessagePort: the window's session. Replaces any earlier session of that window. */
  | { type: 'connect'; windowId: number }
  /** The window closed or is about to get a new port; end its session. */
  | { type: 'disconnect'; windowId: number }
  /** Quit: end all sessions, drain pending writes, close the database, reply `closed`, exit 0. */
  | { type: 'shutdown' }
  /** Import these files and folders (picked in main's file dialog or dropped on a window). */
  | { type: 'import-paths'; paths: string[] }
  /**
   * The page asked for `lede-media://<sha256>/<variant>` and the file is not
   * on disk: download it (a photo known only by sync) or make it (a preview
   * never shown before). Answered with `media-ready` and the same requestId.
   */
  | { type: 'media-wanted'; requestId: number; sha256: string; variant: MediaVariant };

export type HostToMain =
  /** The library is open; ports handed over from now on are served. */
  | { type: 'ready'; pid: number }
  /** The core cannot start on this data folder; restarting would not help. */
  | { type: 'fatal'; code: ErrorCode; message: string }
  /** Shutdown finished: everything written, database closed. */
  | { type: 'closed' }
  /** The answer to `media-wanted`: whether the file is on disk now. */
  | { type: 'media-ready'; requestId: number; available: boolean };

export const DATA_DIR_FLAG = '--data-dir';

const MAX_FATAL_MESSAGE = 4000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWindowId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function parseMainToHost(data: unknown): MainToHost | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'connect':
    case 'disconnect':
      return isWindowId(data.windowId) ? { type: data.type, windowId: data.windowId } : null;
    case 'shutdown':
      return { type: 'shutdown' };
    case 'import-paths': {
      const paths = data.paths;
      const valid =
        Array.isArray(paths) && paths.length > 0 && paths.length <= MAX_IMPORT_PATHS && paths.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 4096);
      return valid ? { type: 'import-paths', paths: paths as string[] } : null;
    }
    case 'media-wanted':
      return isRequestId(data.requestId) && isMediaHash(data.sha256) && isMediaVariant(data.variant)
        ? { type: 'media-wanted', requestId: data.requestId, sha256: data.sha256, variant: data.variant }
        : null;
    default:
      return null;
  }
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

const MAX_IMPORT_PATHS = 20_000;

export function parseHostToMain(data: unknown): HostToMain | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'ready':
      return typeof data.pid === 'number' ? { type: 'ready', pid: data.pid } : null;
    case 'closed':
      return { type: 'closed' };
    case 'media-ready':
      return isRequestId(data.requestId) && typeof data.available === 'boolean' ? { type: 'media-ready', requestId: data.requestId, available: data.available } : null;
    case 'fatal': {
      const code = (ERROR_CODES as readonly string[]).includes(data.code as string) ? (data.code as ErrorCode) : 'internal';
      const message = typeof data.message === 'string' ? data.message.slice(0, MAX_FATAL_MESSAGE) : 'Lede’s core could not start.';
      return { type: 'fatal', code, message };
    }
    default:
      return null;
  }
}

/**
 * The core host's arguments. They are searched anywhere in argv because a
 * utility process's argv layout (whether the executable and module path come
 * first) is Electron's business, not ours.
 */
export function parseCoreHostArgs(argv: readonly string[]): { dataDir: string } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === DATA_DIR_FLAG) {
      const value = argv[i + 1];
      if (value) return { dataDir: value };
    } else if (arg.startsWith(`${DATA_DIR_FLAG}=`) && arg.length > DATA_DIR_FLAG.length + 1) {
      return { dataDir: arg.slice(DATA_DIR_FLAG.length + 1) };
    }
  }
  throw new Error(`The core host needs ${DATA_DIR_FLAG} <folder> (the library's data folder).`);
}
