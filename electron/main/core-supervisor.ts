import type { ErrorCode } from '../../shared/errors';
import { parseHostToMain, type MainToHost } from '../core/host/host-protocol';
import type { MediaVariant } from '../../shared/media-variants';

/**
 * Keeps the core's utility process running: starts it, restarts it with a
 * growing delay if it dies, gives up (and lets main ask the person) after
 * repeated failures, never restarts a core that said it cannot open the
 * library, and shuts it down with a drain on quit. Plain code with the
 * process and the clock injected, so every path is tested under Node.
 */
export interface CoreProcessLike<P> {
  postMessage(message: MainToHost, transfer?: P[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
  /** The last lines the process printed, for the give-up dialog. */
  recentOutput?(): string;
}

/** What main needs once the core is up: hand windows their ports. */
export interface CoreConnector<P> {
  connect(windowId: number, port: P): void;
  disconnect(windowId: number): void;
}

export interface CoreFailure {
  code: ErrorCode;
  message: string;
}

export interface SupervisorLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RestartPolicy {
  /** Consecutive failed starts or early crashes that are restarted; the next one gives up. */
  maxFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A core that ran this long before dying counts as a fresh start, not another failure. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxFailures: 5, baseDelayMs: 250, maxDelayMs: 8000, stableAfterMs: 30_000 };
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5000;
/** A photo fetched from the newsroom's server on a slow line can take a while; a page waiting longer has given up anyway. */
export const MEDIA_WANTED_TIMEOUT_MS = 120_000;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SupervisorOptions<P> {
  spawn(): CoreProcessLike<P>;
  /** The core is serving: give every window a fresh port. */
  onReady(connector: CoreConnector<P>): void;
  /** A serving core stopped unexpectedly; windows should show that they wait. */
  onLost(): void;
  /** The core cannot open the library (newer/damaged database, folder in use). */
  onFatal(failure: CoreFailure): void;
  /** Restarting keeps failing; `retry()` tries again. */
  onGaveUp(detail: { exitCode: number; output: string }): void;
  log: SupervisorLog;
  policy?: Partial<RestartPolicy>;
  clock?: Clock;
}

export type SupervisorState = 'idle' | 'starting' | 'ready' | 'restart-pending' | 'gave-up' | 'fatal' | 'stopping' | 'stopped';
export type ShutdownOutcome = 'closed' | 'exited' | 'timeout' | 'not-running';

export class CoreSupervisor<P> {
  private readonly policy: RestartPolicy;
  private readonly clock: Clock;
  private process: CoreProcessLike<P> | null = null;
  private stateValue: SupervisorState = 'idle';
  private failures = 0;
  private readyAt = 0;
  private restartTimer: unknown = null;
  private shutdownWaiters: Array<(outcome: ShutdownOutcome) => void> = [];
  private readonly mediaWaiters = new Map<number, { child: CoreProcessLike<P>; settle(available: boolean): void }>();
  private nextMediaRequest = 1;

  constructor(private readonly options: SupervisorOptions<P>) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
    this.clock = options.clock ?? realClock;
  }

  get state(): SupervisorState {
    return this.stateValue;
  }

  start(): void {
    if (this.stateValue !== 'idle' && this.stateValue !== 'restart-pending' && this.stateValue !== 'gave-up') return;
    this.restartTimer = null;
    this.stateValue = 'starting';
    let child: CoreProcessLike<P>;
    try {
      child = this.options.spawn();
    } catch (error) {
      this.options.log.error('core process could not be started', { error });
      this.afterExit(-1, '');
      return;
    }
    this.process = child;
    child.on('message', (raw) => this.onMessage(child, raw));
    child.on('exit', (code) => {
      if (this.process !== child) return;
      this.process = null;
      this.afterExit(code, child.recentOutput?.() ?? '');
    });
  }

  /** After giving up: the person chose to try again. */
  retry(): void {
    if (this.stateValue !== 'gave-up') return;
    this.failures = 0;
    this.start();
  }

  /**
   * Asks the core to end its sessions, drain pending writes and close the
   * database, and waits for its `closed` reply (or its exit). After the
   * timeout the process is killed: every acknowledged update is committed
   * already, so only derived rows wait for the next start.
   */
  shutdown(timeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS): Promise<ShutdownOutcome> {
    if (this.restartTimer !== null) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.process;
    if (!child) {
      this.stateValue = 'stopped';
      return Promise.resolve('not-running');
    }
    const wasStopping = this.stateValue === 'stopping';
    this.stateValue = 'stopping';
    return new Promise<ShutdownOutcome>((resolve) => {
      let settled = false;
      const timer = this.clock.setTimeout(() => finish('timeout'), timeoutMs);
      const finish = (outcome: ShutdownOutcome) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        if (outcome === 'timeout') {
          this.options.log.warn('core did not close in time; stopping it', { timeoutMs });
          child.kill();
        }
        resolve(outcome);
      };
      this.shutdownWaiters.push(finish);
      if (!wasStopping) {
        try {
          child.postMessage({ type: 'shutdown' });
        } catch (error) {
          this.options.log.warn('could not ask core to shut down', { error });
          finish('timeout');
        }
      }
    });
  }

  /** Hands files and folders to import to the running core; false when no core is ready. */
  importPaths(paths: string[]): boolean {
    const child = this.process;
    if (!child || this.stateValue !== 'ready' || paths.length === 0) return false;
    child.postMessage({ type: 'import-paths', paths });
    return true;
  }

  /**
   * Asks the running core to get a media file onto disk (download a photo
   * known only by sync, make a preview on first show) for the media
   * protocol. False when no core is ready, it cannot, it stops meanwhile, or
   * it does not answer in time.
   */
  ensureMedia(sha256: string, variant: MediaVariant): Promise<boolean> {
    const child = this.process;
    if (!child || this.stateValue !== 'ready') return Promise.resolve(false);
    const requestId = this.nextMediaRequest++;
    return new Promise<boolean>((resolve) => {
      const timer = this.clock.setTimeout(() => settle(false), MEDIA_WANTED_TIMEOUT_MS);
      const settle = (available: boolean) => {
        if (!this.mediaWaiters.delete(requestId)) return;
        this.clock.clearTimeout(timer);
        resolve(available);
      };
      this.mediaWaiters.set(requestId, { child, settle });
      try {
        child.postMessage({ type: 'media-wanted', requestId, sha256, variant });
      } catch (error) {
        this.options.log.warn('could not ask core for a media file', { error });
        settle(false);
      }
    });
  }

  private onMessage(child: CoreProcessLike<P>, raw: unknown): void {
    if (this.process !== child) return;
    const message = parseHostToMain(raw);
    if (!message) {
      this.options.log.warn('unknown message from core process');
      return;
    }
    if (message.type === 'ready') {
      if (this.stateValue !== 'starting') return;
      this.stateValue = 'ready';
      this.readyAt = this.clock.now();
      this.options.log.info('core process ready', { pid: message.pid });
      this.options.onReady(this.connectorFor(child));
    } else if (message.type === 'media-ready') {
      const waiter = this.mediaWaiters.get(message.requestId);
      if (waiter?.child === child) waiter.settle(message.available);
    } else if (message.type === 'fatal') {
      if (this.stateValue === 'stopping') return;
      this.stateValue = 'fatal';
      this.options.log.error('core cannot open the library', { code: message.code });
      this.options.onFatal({ code: message.code, message: message.message });
    } else {
      this.settleShutdown('closed');
    }
  }

  private connectorFor(child: CoreProcessLike<P>): CoreConnector<P> {
    const live = () => this.process === child && this.stateValue === 'ready';
    return {
      connect: (windowId, port) => {
        if (live()) child.postMessage({ type: 'connect', windowId }, [port]);
      },
      disconnect: (windowId) => {
        if (live()) child.postMessage({ type: 'disconnect', windowId });
      },
    };
  }

  private settleShutdown(outcome: ShutdownOutcome): void {
    const waiters = this.shutdownWaiters;
    this.shutdownWaiters = [];
    for (const finish of waiters) finish(outcome);
  }

  private afterExit(exitCode: number, output: string): void {
    // Whatever the page waited for from this core will not come.
    for (const waiter of [...this.mediaWaiters.values()]) waiter.settle(false);
    const previous = this.stateValue;
    if (previous === 'stopping' || previous === 'stopped') {
      this.stateValue = 'stopped';
      this.settleShutdown('exited');
      return;
    }
    if (previous === 'fatal') return;
    this.options.log.warn('core process stopped', { exitCode, state: previous });
    const ranStably = previous === 'ready' && this.clock.now() - this.readyAt >= this.policy.stableAfterMs;
    this.failures = ranStably ? 1 : this.failures + 1;
    if (previous === 'ready') this.options.onLost();
    if (this.failures > this.policy.maxFailures) {
      this.stateValue = 'gave-up';
      this.options.onGaveUp({ exitCode, output });
      return;
    }
    const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (this.failures - 1));
    this.stateValue = 'restart-pending';
    this.restartTimer = this.clock.setTimeout(() => this.start(), delay);
  }
}
