import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { attachPort } from '../../../electron/core/host/port-transport';
import { asServerMessage, createPortBridge, type PagePortLike } from '../../../electron/preload/port-bridge';
import type { ConnectionState } from '../../../shared/contract';
import { openTestCore, REPORTER } from '../../helpers/core';
import { asElectronPort } from '../helpers/ports';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function core(): Core {
  const opened = openTestCore({ shell: 'electron' });
  cleanups.push(() => opened.close());
  return opened;
}

/** Node's ports are EventTargets like the page's; only the types differ. */
const asPagePort = (port: MessagePort) => port as unknown as PagePortLike;

/** A port whose core end is served by a real core session, as main would connect it. */
function servedPort(opened: Core): PagePortLike {
  const { port1, port2 } = new MessageChannel();
  attachPort(opened, asElectronPort(port1));
  cleanups.push(() => port2.close());
  return asPagePort(port2);
}

/** A port whose other end never answers: a core that died with calls in flight. */
function silentPort() {
  const { port1, port2 } = new MessageChannel();
  const seen: unknown[] = [];
  port1.on('message', (message) => seen.push(message));
  cleanups.push(() => port1.close());
  return { page: asPagePort(port2), seen, coreEnd: port1 };
}

function track(bridge: ReturnType<typeof createPortBridge>['bridge']) {
  const states: ConnectionState[] = [];
  bridge.onConnection((state) => states.push(state));
  return states;
}

describe('preload bridge over a MessagePort', () => {
  it('keeps calls made before the first port and sends them when it arrives', async () => {
    const opened = core();
    const { bridge, usePort } = createPortBridge();
    const states = track(bridge);
    const early = bridge.invoke('app.info', {});
    const set = bridge.invoke('profile.set', REPORTER);
    usePort(servedPort(opened));
    await expect(early).resolves.toEqual({ ok: true, value: { version: '0.0.0-test', shell: 'electron' } });
    await expect(set).resolves.toEqual({ ok: true, value: REPORTER });
    expect(states).toEqual([]);
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    const opened = core();
    const { bridge, usePort } = createPortBridge();
    usePort(servedPort(opened));
    const seen: unknown[] = [];
    const off = bridge.on('profile.changed', (payload) => seen.push(payload));
    await bridge.invoke('profile.set', REPORTER);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([REPORTER]);
    off();
    await bridge.invoke('profile.set', { name: 'Someone Else', role: 'editor' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([REPORTER]);
  });

  it('when core is lost: in-flight calls fail with disconnected, new calls fail at once, then a new port reopens', async () => {
    const opened = core();
    const { bridge, usePort, coreLost } = createPortBridge();
    const states = track(bridge);
    const dead = silentPort();
    usePort(dead.page);
    const inFlight = bridge.invoke('app.info', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dead.seen).toHaveLength(1);

    coreLost();
    coreLost();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'disconnected' } });
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(states).toEqual(['lost']);

    usePort(servedPort(opened));
    expect(states).toEqual(['lost', 'open']);
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: true });
  });

  it('a new port without warning (core restarted) reports lost then open and fails what was in flight', async () => {
    const opened = core();
    const { bridge, usePort } = createPortBridge();
    const states = track(bridge);
    const dead = silentPort();
    usePort(dead.page);
    const inFlight = bridge.invoke('app.info', {});
    usePort(servedPort(opened));
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(states).toEqual(['lost', 'open']);
    // A late answer on the old port is not mistaken for one on the new.
    dead.coreEnd.postMessage({ type: 'result', id: 2, result: { ok: true, value: 'stale' } });
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: true, value: { shell: 'electron' } });
  });

  it('ignores garbage from the port and survives a listener that throws', async () => {
    const { bridge, usePort, coreLost } = createPortBridge();
    const dead = silentPort();
    usePort(dead.page);
    const states: ConnectionState[] = [];
    bridge.onConnection(() => {
      throw new Error('page bug');
    });
    const off = bridge.onConnection((state) => states.push(state));
    for (const garbage of [null, 1, 'x', { type: 'result' }, { type: 'result', id: 1 }, { type: 'event' }, { type: 'nope' }]) {
      dead.coreEnd.postMessage(garbage);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    coreLost();
    expect(states).toEqual(['lost']);
    off();
  });

  it('accepts only well-formed replies and events', () => {
    expect(asServerMessage({ type: 'result', id: 1, result: { ok: true, value: 1 } })).not.toBeNull();
    expect(asServerMessage({ type: 'event', event: 'library.changed', payload: { ids: [] } })).not.toBeNull();
    expect(asServerMessage({ type: 'result', id: '1', result: {} })).toBeNull();
    expect(asServerMessage({ type: 'result', id: 1, result: null })).toBeNull();
    expect(asServerMessage({ type: 'event', event: 5 })).toBeNull();
    expect(asServerMessage('{"type":"event"}')).toBeNull();
  });
});
