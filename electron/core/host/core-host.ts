import { LedeError, type ErrorCode } from '../../../shared/errors';
import type { Core } from '../core';
import { parseMainToHost, type HostToMain, type MainToHost } from './host-protocol';
import { attachPort, type CorePortLike, type PortSession } from './port-transport';

/** `process.parentPort` in an Electron utility process, as far as the host uses it. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports?: readonly CorePortLike[] }) => void): unknown;
  postMessage(message: HostToMain): void;
}

export interface CoreHostOptions {
  parentPort: ParentPortLike;
  openCore(): Core;
  exit(code: number): void;
  /** Where problems go before the core (and its logger) exists. */
  reportEarly?(message: string): void;
  /** How long a host whose core could not start waits for main before it exits. */
  fatalExitDelayMs?: number;
}

export interface CoreHost {
  /** Null when the core could not start (main has been told why). */
  readonly core: Core | null;
  readonly sessionCount: number;
  /** What `{ type: 'shutdown' }` does; also for a crash handler that wants to drain. */
  shutdown(): Promise<void>;
}

/**
 * The core process behind Electron's main process: opens the library, serves
 * one session per window port that main hands over, and drains on shutdown.
 * A core that cannot start (newer or damaged database, folder in use) says
 * why with a `fatal` message, so main can show it, and then exits without
 * main restarting it.
 */
export function startCoreHost(options: CoreHostOptions): CoreHost {
  const { parentPort } = options;
  const sessions = new Map<number, PortSession>();
  let core: Core | null = null;
  let stopping: Promise<void> | null = null;

  try {
    core = options.openCore();
  } catch (error) {
    const failure = describeStartupFailure(error);
    options.reportEarly?.(`Lede's core could not start: ${failure.message}`);
    parentPort.postMessage({ type: 'fatal', ...failure });
  }

  let fatalExit: NodeJS.Timeout | null = null;
  const shutdown = (): Promise<void> => {
    if (stopping) return stopping;
    // Asked to stop: the exit below is the answer, not the one a failed start scheduled.
    if (fatalExit) clearTimeout(fatalExit);
    stopping = (async () => {
      for (const session of sessions.values()) session.close();
      sessions.clear();
      try {
        await core?.close();
      } catch (error) {
        // Reported, but main still gets its answer: the process is ending anyway.
        core?.log.error('core host: closing the library failed', { error });
      }
      parentPort.postMessage({ type: 'closed' });
      options.exit(0);
    })();
    return stopping;
  };

  const connect = (windowId: number, port: CorePortLike | undefined) => {
    if (!port) {
      core?.log.warn('core host: connect without a port', { windowId });
      return;
    }
    if (!core || stopping) {
      port.close();
      return;
    }
    sessions.get(windowId)?.close();
    const session = attachPort(core, port, () => {
      if (sessions.get(windowId) === session) sessions.delete(windowId);
    });
    sessions.set(windowId, session);
  };

  parentPort.on('message', (event) => {
    const message: MainToHost | null = parseMainToHost(event?.data);
    if (!message) {
      core?.log.warn('core host: unknown message from main');
      for (const port of event?.ports ?? []) port.close();
      return;
    }
    if (message.type === 'connect') {
      // One port per connect; anything more is closed rather than left dangling.
      for (const extra of event.ports?.slice(1) ?? []) extra.close();
      connect(message.windowId, event.ports?.[0]);
    }
    else if (message.type === 'disconnect') sessions.get(message.windowId)?.close();
    else if (message.type === 'import-paths') {
      // Progress reaches every window as media.importProgress events.
      if (core && !stopping) core.media.importPaths(message.paths);
    } else if (message.type === 'media-wanted') {
      const { requestId, sha256, variant } = message;
      const wanted = core && !stopping ? core.media.ensureFile(sha256, variant).catch(() => false) : Promise.resolve(false);
      void wanted.then((available) => parentPort.postMessage({ type: 'media-ready', requestId, available }));
    } else void shutdown();
  });

  if (core) {
    parentPort.postMessage({ type: 'ready', pid: process.pid });
  } else {
    // Give the fatal message time to reach main before the process ends;
    // main may also ask for a shutdown, which exits at once.
    fatalExit = setTimeout(() => options.exit(1), options.fatalExitDelayMs ?? 1000);
  }

  return {
    get core() {
      return core;
    },
    get sessionCount() {
      return sessions.size;
    },
    shutdown,
  };
}

const NATIVE_MODULE_MISMATCH = /NODE_MODULE_VERSION|was compiled against a different Node\.js version/;

/** A startup error as a code and a sentence a person can act on. */
export function describeStartupFailure(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof LedeError) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  if (NATIVE_MODULE_MISMATCH.test(detail)) {
    return {
      code: 'internal',
      message:
        'Lede’s database module (better-sqlite3-multiple-ciphers) was built for Node.js, not for this Electron. ' +
        'Installers rebuild it for Electron; in a development checkout run Lede with `npm run web`, ' +
        `or rebuild the module for Electron outside the tree the tests use. (${detail.split('\n')[0]})`,
    };
  }
  return { code: 'internal', message: `Lede’s core could not open its library: ${detail}` };
}
