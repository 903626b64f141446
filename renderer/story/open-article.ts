import * as Y from 'yjs';
import { base64ToBytes, bytesToBase64 } from '../../shared/base64';
import type { ConnectionState, LedeClient } from '../../shared/contract';
import type { ApiError } from '../../shared/errors';
import type { UnsavedEditsStore } from './unsaved-edits-store';

/** Transaction origin for changes that came from core; they are never sent back. */
export const REMOTE_ORIGIN = Symbol('remote');

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving'; waiting: number }
  | { kind: 'offline'; waiting: number }
  /**
   * `fatal`: core refused a change it can never store (a bug, not a hiccup);
   * later changes build on it, so nothing more can be saved until the story
   * is reloaded from core.
   */
  | { kind: 'error'; waiting: number; error: ApiError; fatal: boolean };

/**
 * The renderer's copy of one open story. Local edits are sent to core in
 * order, merged into one update while the previous one is in flight; an edit
 * counts as saved only when core acknowledged it (it is on disk then). If the
 * connection drops, edits wait and are sent after the story is reopened on
 * the new connection — none is dropped. With an `UnsavedEditsStore`, each
 * edit is also kept in the browser until core acknowledged it (ADR 0068), so
 * closing the tab or a restart of the web shell loses nothing either.
 */
export class OpenArticle {
  readonly doc = new Y.Doc();
  private pending: Uint8Array[] = [];
  private inFlight: Uint8Array | null = null;
  /** The store's keys of the edits in `pending` and `inFlight`: forgotten there once core acknowledged them. */
  private pendingKeys: string[] = [];
  private inFlightKeys: string[] = [];
  private state: SaveState = { kind: 'saved' };
  private readonly stateListeners = new Set<(state: SaveState) => void>();
  private readonly disposers: Array<() => void> = [];
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = 250;
  private connected = true;
  private closed = false;
  private sendScheduled = false;
  /** When the story last changed, as core said when it was (re)opened. */
  updatedAtOnOpen = '';

  private constructor(
    readonly id: string,
    private readonly client: LedeClient,
    private readonly unsaved: UnsavedEditsStore | null,
  ) {}

  static async open(
    client: LedeClient,
    id: string,
    onConnection?: (listener: (state: ConnectionState) => void) => () => void,
    unsaved?: UnsavedEditsStore,
  ): Promise<OpenArticle> {
    const article = new OpenArticle(id, client, unsaved ?? null);
    await article.load();
    article.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE_ORIGIN) article.enqueue(update);
    });
    article.disposers.push(
      client.on('article.updated', ({ id: changed, update }) => {
        if (changed === id) Y.applyUpdate(article.doc, base64ToBytes(update), REMOTE_ORIGIN);
      }),
    );
    if (onConnection) article.disposers.push(onConnection((state) => article.connectionChanged(state)));
    return article;
  }

  get saveState(): SaveState {
    return this.state;
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** True while some edit has not been acknowledged by core. */
  get hasUnsavedChanges(): boolean {
    return this.inFlight !== null || this.pending.length > 0;
  }

  /** Sends what is left, then tells core the story is closed here. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.drain();
    this.closed = true;
    for (const dispose of this.disposers) dispose();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client.invoke('article.close', { id: this.id });
    this.doc.destroy();
  }

  /** Resolves when every edit so far is acknowledged (or the story is in error). */
  drain(): Promise<void> {
    if (!this.hasUnsavedChanges || this.state.kind === 'error') return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.onSaveState((state) => {
        if (state.kind === 'saved' || state.kind === 'error') {
          off();
          resolve();
        }
      });
    });
  }

  private async load(): Promise<void> {
    const result = await this.client.invoke('article.open', { id: this.id });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    Y.applyUpdate(this.doc, base64ToBytes(result.value.state), REMOTE_ORIGIN);
    this.updatedAtOnOpen = result.value.updatedAt;
  }

  private enqueue(update: Uint8Array): void {
    this.pending.push(update);
    if (this.unsaved) this.pendingKeys.push(this.unsaved.keep(this.id, update));
    if (this.state.kind === 'error' && this.state.fatal) return this.publish();
    if (!this.inFlight && this.connected && !this.retryTimer) this.scheduleSend();
    else this.publish();
  }

  /**
   * Sends once the keystroke's frame is painted: encoding and sending cost
   * the typing path nothing then, and keystrokes of the same frame go as one
   * update. The edit waits a frame at most; "Saved" still waits for core.
   */
  private scheduleSend(): void {
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    const send = () => {
      this.sendScheduled = false;
      void this.sendNext();
    };
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => setTimeout(send, 0));
    } else {
      setTimeout(send, 0);
    }
    this.publish();
  }

  private async sendNext(): Promise<void> {
    if (this.inFlight || this.pending.length === 0 || !this.connected) return this.publish();
    this.inFlight = this.pending.length === 1 ? this.pending[0]! : Y.mergeUpdates(this.pending);
    this.pending = [];
    this.inFlightKeys = this.pendingKeys;
    this.pendingKeys = [];
    this.publish();
    const result = await this.client.invoke('article.update', { id: this.id, update: bytesToBase64(this.inFlight) });
    if (result.ok) {
      this.inFlight = null;
      this.unsaved?.forget(this.inFlightKeys);
      this.inFlightKeys = [];
      this.retryDelay = 250;
      if (this.state.kind === 'error') this.state = { kind: 'saved' };
      return this.sendNext();
    }
    // Put it back in front: order does not matter to Yjs, losing it would.
    this.pending.unshift(this.inFlight);
    this.inFlight = null;
    this.pendingKeys.unshift(...this.inFlightKeys);
    this.inFlightKeys = [];
    if (result.error.code === 'disconnected') {
      this.connected = false;
      return this.publish();
    }
    const fatal = result.error.code !== 'internal';
    this.state = { kind: 'error', waiting: this.pending.length, error: result.error, fatal };
    this.notify();
    if (!fatal) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.sendNext();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
  }

  private connectionChanged(state: ConnectionState): void {
    // Lost, or the session ended (the web shell restarted): either way
    // nothing goes through until a connection is open again.
    if (state !== 'open') {
      this.connected = false;
      this.publish();
      return;
    }
    // A new connection is a new session: open the story there first (which
    // also brings in whatever changed meanwhile), then send what waited.
    void this.load().then(
      () => {
        this.connected = true;
        void this.sendNext();
      },
      (error: Error & { code?: ApiError['code'] }) => {
        // The pipe broke again before the story was reopened: nothing is
        // wrong with the edits; the next connection reopens and sends them.
        if (error.code === 'disconnected') return this.publish();
        this.state = { kind: 'error', waiting: this.pending.length, error: { code: error.code ?? 'internal', message: error.message }, fatal: true };
        this.notify();
      },
    );
  }

  private publish(): void {
    const waiting = this.pending.length + (this.inFlight ? 1 : 0);
    if (this.state.kind === 'error' && waiting > 0) {
      this.state = { ...this.state, waiting };
      return this.notify();
    }
    if (!this.connected) this.state = { kind: 'offline', waiting };
    else if (waiting > 0) this.state = { kind: 'saving', waiting };
    else this.state = { kind: 'saved' };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.stateListeners) listener(this.state);
  }
}
