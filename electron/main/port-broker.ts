import type { CoreConnector } from './core-supervisor';

/** A window as the broker sees it. */
export interface BrokeredWindow<P> {
  readonly id: number;
  /** Hands the window's end of a fresh channel to its page. */
  givePort(port: P): void;
  /** Tells the page that core stopped (in-flight calls fail, a new port follows). */
  tellCoreLost(): void;
}

export interface PortPair<P> {
  forCore: P;
  forWindow: P;
}

/**
 * Main's only job between pages and core: for each window whose page asked,
 * make a MessageChannel and give one end to core, the other to the page.
 * It happens again whenever the page asks again (reload) and for every
 * window whenever core (re)starts. No API traffic passes through here.
 */
export class PortBroker<P> {
  private core: CoreConnector<P> | null = null;
  private readonly windows = new Map<number, BrokeredWindow<P>>();

  constructor(private readonly createChannel: () => PortPair<P>) {}

  /** The page asked for a port (its sender frame has been checked by the caller). */
  windowAsked(window: BrokeredWindow<P>): void {
    this.windows.set(window.id, window);
    if (this.core) this.connect(window);
  }

  coreReady(core: CoreConnector<P>): void {
    this.core = core;
    for (const window of this.windows.values()) this.connect(window);
  }

  coreLost(): void {
    this.core = null;
    for (const window of this.windows.values()) window.tellCoreLost();
  }

  windowClosed(windowId: number): void {
    if (!this.windows.delete(windowId)) return;
    this.core?.disconnect(windowId);
  }

  get windowCount(): number {
    return this.windows.size;
  }

  private connect(window: BrokeredWindow<P>): void {
    const core = this.core;
    if (!core) return;
    const { forCore, forWindow } = this.createChannel();
    // Core first: connect replaces the window's previous session, so the page
    // never talks to a session that is about to be closed.
    core.connect(window.id, forCore);
    window.givePort(forWindow);
  }
}
