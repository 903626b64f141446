import type { Clock, SupervisorLog } from './core-supervisor';

/**
 * Checks the newsroom's feed now and then, lets electron-updater download in
 * the background and install when Lede quits. Nothing here can block or
 * interrupt editing: every failure (feed down, bad file, no network) is
 * logged and, once per session, mentioned in a quiet toast.
 */
export interface UpdaterLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
}

export type UpdateNotice = { state: 'downloaded' | 'failed'; message: string };

export interface UpdateControllerOptions {
  updater: UpdaterLike;
  notify(notice: UpdateNotice): void;
  log: SupervisorLog;
  clock: Clock;
  /** After start, so checking never competes with opening the library. */
  firstCheckAfterMs?: number;
  everyMs?: number;
}

export const FIRST_CHECK_AFTER_MS = 30_000;
export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export class UpdateController {
  private timer: unknown = null;
  private checking = false;
  private stopped = false;
  private toldFailure = false;
  private readonly toldVersions = new Set<string>();

  constructor(private readonly options: UpdateControllerOptions) {
    options.updater.on('error', (error) => this.failed(error));
    options.updater.on('update-downloaded', (info) => this.downloaded(info));
  }

  start(): void {
    this.schedule(this.options.firstCheckAfterMs ?? FIRST_CHECK_AFTER_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One check; never throws, and never runs two at once. */
  async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      await this.options.updater.checkForUpdates();
    } catch (error) {
      this.failed(error);
    } finally {
      this.checking = false;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => {
      void this.check().finally(() => this.schedule(this.options.everyMs ?? CHECK_EVERY_MS));
    }, ms);
  }

  private failed(error: unknown): void {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error).slice(0, 200);
    this.options.log.warn('update check failed', { reason });
    if (this.toldFailure) return;
    this.toldFailure = true;
    this.options.notify({ state: 'failed', message: 'Lede could not check for updates. Your work is not affected; it will try again later.' });
  }

  private downloaded(info: { version: string }): void {
    const version = typeof info?.version === 'string' ? info.version.slice(0, 40) : 'new version';
    this.options.log.info('update downloaded', { version });
    if (this.toldVersions.has(version)) return;
    this.toldVersions.add(version);
    this.options.notify({ state: 'downloaded', message: `Lede ${version} is ready and will be installed when you quit.` });
  }
}
