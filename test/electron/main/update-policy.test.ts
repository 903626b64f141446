import { describe, expect, it } from 'vitest';
import { decideUpdates, type UpdateInputs } from '../../../electron/main/update-policy';
import { UpdateController, type UpdateNotice, type UpdaterLike } from '../../../electron/main/update-controller';
import type { Clock } from '../../../electron/main/core-supervisor';

const FEED = 'https://updates.newsroom.example/lede/';
const base: UpdateInputs = { policy: { enabled: null, feedUrl: FEED }, isPackaged: true, platform: 'win32', appImage: undefined };

describe('update feed selection', () => {
  it('uses the newsroom feed from the policy in a packaged app', () => {
    expect(decideUpdates(base)).toEqual({ enabled: true, feedUrl: FEED });
    expect(decideUpdates({ ...base, platform: 'darwin' })).toEqual({ enabled: true, feedUrl: FEED });
    expect(decideUpdates({ ...base, platform: 'linux', appImage: '/opt/Lede.AppImage' })).toEqual({ enabled: true, feedUrl: FEED });
  });

  it('is off when the policy says so, even with a feed', () => {
    expect(decideUpdates({ ...base, policy: { enabled: false, feedUrl: FEED } })).toMatchObject({ enabled: false, reason: expect.stringMatching(/updatesEnabled: false/) });
  });

  it('is off without a feed: Lede never looks anywhere else for updates', () => {
    expect(decideUpdates({ ...base, policy: { enabled: true, feedUrl: null } })).toMatchObject({ enabled: false, reason: expect.stringMatching(/updateFeedUrl/) });
  });

  it('is off in development builds and for .deb installs (the package manager updates those)', () => {
    expect(decideUpdates({ ...base, isPackaged: false })).toMatchObject({ enabled: false });
    expect(decideUpdates({ ...base, platform: 'linux' })).toMatchObject({ enabled: false, reason: expect.stringMatching(/\.deb/) });
  });
});

class FakeUpdater implements UpdaterLike {
  private readonly listeners = new Map<string, Array<(value: never) => void>>();
  checks = 0;
  next: () => Promise<unknown> = () => Promise.resolve(null);
  on(event: string, listener: (value: never) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, value: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(value as never);
  }
  checkForUpdates() {
    this.checks += 1;
    return this.next();
  }
}

function manualClock() {
  let now = 0;
  const timers: Array<{ at: number; callback: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout: (handle) => {
      const index = timers.findIndex((timer) => timer.id === handle);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  return {
    clock,
    pending: () => timers.length,
    async advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

function controller(updater: FakeUpdater) {
  const notices: UpdateNotice[] = [];
  const warnings: string[] = [];
  const time = manualClock();
  const log = { info() {}, warn: (message: string, fields?: Record<string, unknown>) => warnings.push(`${message} ${JSON.stringify(fields)}`), error() {} };
  const control = new UpdateController({ updater, notify: (notice) => notices.push(notice), log, clock: time.clock, firstCheckAfterMs: 1000, everyMs: 60_000 });
  return { control, notices, warnings, time };
}

describe('update checks', () => {
  it('checks after start, then on a schedule', async () => {
    const updater = new FakeUpdater();
    const { control, time } = controller(updater);
    control.start();
    await time.advance(999);
    expect(updater.checks).toBe(0);
    await time.advance(1);
    expect(updater.checks).toBe(1);
    await time.advance(60_000);
    expect(updater.checks).toBe(2);
    control.stop();
    await time.advance(120_000);
    expect(updater.checks).toBe(2);
    expect(time.pending()).toBe(0);
  });

  it('a broken or unreachable feed is logged, mentioned once, and checked again later', async () => {
    const updater = new FakeUpdater();
    updater.next = () => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED\n    at stack'));
    const { control, notices, warnings, time } = controller(updater);
    control.start();
    await time.advance(1000);
    await time.advance(60_000);
    updater.emit('error', new Error('Cannot parse latest.yml'));
    expect(updater.checks).toBe(2);
    expect(notices).toEqual([{ state: 'failed', message: 'Lede could not check for updates. Your work is not affected; it will try again later.' }]);
    expect(warnings).toEqual([
      'update check failed {"reason":"net::ERR_NAME_NOT_RESOLVED"}',
      'update check failed {"reason":"net::ERR_NAME_NOT_RESOLVED"}',
      'update check failed {"reason":"Cannot parse latest.yml"}',
    ]);
    control.stop();
  });

  it('a check that hangs never starts a second one beside it', async () => {
    const updater = new FakeUpdater();
    updater.next = () => new Promise(() => {});
    const { control } = controller(updater);
    void control.check();
    void control.check();
    expect(updater.checks).toBe(1);
  });

  it('says once per version that an update will be installed on quit', () => {
    const updater = new FakeUpdater();
    const { notices } = controller(updater);
    updater.emit('update-downloaded', { version: '0.2.0' });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(notices).toEqual([{ state: 'downloaded', message: 'Lede 0.2.0 is ready and will be installed when you quit.' }]);
  });
});
