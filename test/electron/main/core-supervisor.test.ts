import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { MainToHost } from '../../../electron/core/host/host-protocol';
import { CoreSupervisor, type Clock, type CoreConnector, type CoreFailure, type CoreProcessLike } from '../../../electron/main/core-supervisor';

type Port = { name: string };

class FakeProcess extends EventEmitter implements CoreProcessLike<Port> {
  readonly sent: Array<{ message: MainToHost; transfer?: Port[] }> = [];
  killed = false;
  output = '';
  postMessage(message: MainToHost, transfer?: Port[]): void {
    this.sent.push(transfer ? { message, transfer } : { message });
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  recentOutput(): string {
    return this.output;
  }
  say(message: unknown) {
    this.emit('message', message);
  }
  exit(code: number) {
    this.emit('exit', code);
  }
}

class FakeClock implements Clock {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  now() {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  pending(): number[] {
    return [...this.timers.values()].map((timer) => timer.at - this.time);
  }
  advance(ms: number) {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.callback();
      }
    }
  }
}

function setup(policy = { maxFailures: 3, baseDelayMs: 100, maxDelayMs: 1000, stableAfterMs: 10_000 }) {
  const clock = new FakeClock();
  const processes: FakeProcess[] = [];
  const events: string[] = [];
  const connectors: Array<CoreConnector<Port>> = [];
  const fatals: CoreFailure[] = [];
  const gaveUp: Array<{ exitCode: number; output: string }> = [];
  const warnings: string[] = [];
  const supervisor = new CoreSupervisor<Port>({
    spawn: () => {
      const child = new FakeProcess();
      processes.push(child);
      events.push('spawn');
      return child;
    },
    onReady: (connector) => {
      connectors.push(connector);
      events.push('ready');
    },
    onLost: () => events.push('lost'),
    onFatal: (failure) => {
      fatals.push(failure);
      events.push('fatal');
    },
    onGaveUp: (detail) => {
      gaveUp.push(detail);
      events.push('gave-up');
    },
    log: { info() {}, warn: (message) => warnings.push(message), error() {} },
    policy,
    clock,
  });
  const latest = () => processes[processes.length - 1]!;
  return { supervisor, clock, processes, latest, events, connectors, fatals, gaveUp, warnings };
}

describe('core supervisor', () => {
  it('hands out ports only once the core says it is ready', () => {
    const { supervisor, latest, events, connectors } = setup();
    supervisor.start();
    expect(supervisor.state).toBe('starting');
    expect(events).toEqual(['spawn']);
    latest().say({ type: 'ready', pid: 42 });
    expect(supervisor.state).toBe('ready');
    connectors[0]!.connect(7, { name: 'p' });
    connectors[0]!.disconnect(7);
    expect(latest().sent).toEqual([
      { message: { type: 'connect', windowId: 7 }, transfer: [{ name: 'p' }] },
      { message: { type: 'disconnect', windowId: 7 } },
    ]);
  });

  it('restarts a core that died, tells windows, and gives the new one to them', () => {
    const { supervisor, clock, processes, latest, events, connectors } = setup();
    supervisor.start();
    latest().say({ type: 'ready', pid: 1 });
    const first = latest();
    first.exit(139);
    expect(events).toEqual(['spawn', 'ready', 'lost']);
    expect(supervisor.state).toBe('restart-pending');
    expect(clock.pending()).toEqual([100]);
    clock.advance(100);
    expect(processes).toHaveLength(2);
    latest().say({ type: 'ready', pid: 2 });
    expect(events).toEqual(['spawn', 'ready', 'lost', 'spawn', 'ready']);
    // The dead core's connector no longer sends anything.
    connectors[0]!.connect(1, { name: 'old' });
    expect(first.sent).toEqual([]);
  });

  it('backs off on repeated failures and gives up, then tries again when asked', () => {
    const { supervisor, clock, processes, latest, events, gaveUp } = setup();
    supervisor.start();
    const delays: number[][] = [];
    for (let i = 0; i < 3; i++) {
      latest().exit(1);
      delays.push(clock.pending());
      clock.advance(clock.pending()[0]!);
    }
    expect(delays).toEqual([[100], [200], [400]]);
    latest().output = 'Error: cannot find module\n';
    latest().exit(1);
    expect(supervisor.state).toBe('gave-up');
    expect(gaveUp).toEqual([{ exitCode: 1, output: 'Error: cannot find module\n' }]);
    expect(clock.pending()).toEqual([]);
    expect(processes).toHaveLength(4);
    expect(events).not.toContain('lost');
    supervisor.retry();
    expect(processes).toHaveLength(5);
    latest().exit(1);
    expect(clock.pending()).toEqual([100]);
  });

  it('counts a core that ran for a long time as a fresh start', () => {
    const { supervisor, clock, latest } = setup();
    supervisor.start();
    latest().exit(1);
    clock.advance(100);
    latest().exit(1);
    clock.advance(200);
    latest().say({ type: 'ready', pid: 3 });
    clock.advance(60_000);
    latest().exit(1);
    expect(clock.pending()).toEqual([100]);
  });

  it('never restarts a core that cannot open the library', () => {
    const { supervisor, clock, processes, latest, fatals } = setup();
    supervisor.start();
    latest().say({ type: 'fatal', code: 'db_newer_version', message: 'Made by Lede 9.' });
    latest().exit(1);
    expect(fatals).toEqual([{ code: 'db_newer_version', message: 'Made by Lede 9.' }]);
    expect(supervisor.state).toBe('fatal');
    clock.advance(100_000);
    expect(processes).toHaveLength(1);
  });

  it('shuts down by asking core to drain, and does not restart it afterwards', async () => {
    const { supervisor, clock, processes, latest, events } = setup();
    supervisor.start();
    latest().say({ type: 'ready', pid: 1 });
    const done = supervisor.shutdown(5000);
    expect(latest().sent).toEqual([{ message: { type: 'shutdown' } }]);
    latest().say({ type: 'closed' });
    await expect(done).resolves.toBe('closed');
    latest().exit(0);
    clock.advance(100_000);
    expect(processes).toHaveLength(1);
    expect(events).toEqual(['spawn', 'ready']);
    expect(supervisor.state).toBe('stopped');
    expect(latest().killed).toBe(false);
  });

  it('kills a core that does not close in time', async () => {
    const { supervisor, clock, latest } = setup();
    supervisor.start();
    latest().say({ type: 'ready', pid: 1 });
    const done = supervisor.shutdown(5000);
    clock.advance(5000);
    await expect(done).resolves.toBe('timeout');
    expect(latest().killed).toBe(true);
  });

  it('settles a shutdown when core exits instead of answering, and shares one shutdown between callers', async () => {
    const { supervisor, latest } = setup();
    supervisor.start();
    const first = supervisor.shutdown(5000);
    const second = supervisor.shutdown(5000);
    expect(latest().sent).toEqual([{ message: { type: 'shutdown' } }]);
    latest().exit(0);
    await expect(Promise.all([first, second])).resolves.toEqual(['exited', 'exited']);
  });

  it('cancels a pending restart on shutdown', async () => {
    const { supervisor, clock, processes, latest } = setup();
    supervisor.start();
    latest().exit(1);
    await expect(supervisor.shutdown()).resolves.toBe('not-running');
    clock.advance(10_000);
    expect(processes).toHaveLength(1);
  });

  it('ignores messages it does not understand and messages from a replaced process', () => {
    const { supervisor, clock, latest, events, warnings } = setup();
    supervisor.start();
    const first = latest();
    for (const garbage of [null, 'ready', 42, { type: 'ready' }, { type: 'bogus' }, [{ type: 'ready', pid: 1 }]]) first.say(garbage);
    expect(events).toEqual(['spawn']);
    expect(warnings.length).toBe(6);
    first.exit(1);
    clock.advance(100);
    first.say({ type: 'ready', pid: 1 });
    first.exit(1);
    expect(events).toEqual(['spawn', 'spawn']);
    expect(supervisor.state).toBe('starting');
  });

  it('asks the core for a media file the page wants and answers with what the core said', async () => {
    const { supervisor, latest, clock } = setup();
    const sha256 = 'cd'.repeat(32);
    // No core serving yet: nothing to ask.
    expect(await supervisor.ensureMedia(sha256, 'preview')).toBe(false);
    supervisor.start();
    latest().say({ type: 'ready', pid: 1 });
    const made = supervisor.ensureMedia(sha256, 'preview');
    const missing = supervisor.ensureMedia(sha256, 'original');
    expect(latest().sent.map((sent) => sent.message)).toEqual([
      { type: 'media-wanted', requestId: 1, sha256, variant: 'preview' },
      { type: 'media-wanted', requestId: 2, sha256, variant: 'original' },
    ]);
    latest().say({ type: 'media-ready', requestId: 2, available: false });
    latest().say({ type: 'media-ready', requestId: 1, available: true });
    // An answer nobody waits for any more is dropped.
    latest().say({ type: 'media-ready', requestId: 1, available: false });
    expect(await made).toBe(true);
    expect(await missing).toBe(false);
    // A core that never answers: the page is told no after the timeout, not left hanging.
    const silent = supervisor.ensureMedia(sha256, 'thumb');
    clock.advance(120_000);
    expect(await silent).toBe(false);
  });

  it('answers no for media requests of a core that died before replying', async () => {
    const { supervisor, latest, clock } = setup();
    supervisor.start();
    const first = latest();
    first.say({ type: 'ready', pid: 1 });
    const waiting = supervisor.ensureMedia('ef'.repeat(32), 'preview');
    first.exit(9);
    expect(await waiting).toBe(false);
    clock.advance(100);
    latest().say({ type: 'ready', pid: 2 });
    // The dead core's late answer cannot settle the new core's request 2.
    const next = supervisor.ensureMedia('ef'.repeat(32), 'preview');
    first.say({ type: 'media-ready', requestId: 2, available: true });
    latest().say({ type: 'media-ready', requestId: 2, available: false });
    expect(await next).toBe(false);
  });

  it('treats a spawn that throws as a failed start', () => {
    const clock = new FakeClock();
    let attempts = 0;
    const supervisor = new CoreSupervisor<Port>({
      spawn: () => {
        attempts += 1;
        throw new Error('no such file');
      },
      onReady() {},
      onLost() {},
      onFatal() {},
      onGaveUp() {},
      log: { info() {}, warn() {}, error() {} },
      policy: { maxFailures: 1, baseDelayMs: 10 },
      clock,
    });
    supervisor.start();
    clock.advance(10);
    expect(attempts).toBe(2);
    expect(supervisor.state).toBe('gave-up');
  });
});
