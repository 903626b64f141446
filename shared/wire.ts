import type { LedeBridge } from './contract';
import type { Result } from './errors';

/**
 * The message format both shells carry (a WebSocket in the web shell, a
 * MessagePort in Electron). Requests are numbered; replies carry the number.
 */
export type ClientMessage = { type: 'invoke'; id: number; channel: string; payload: unknown };
export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown };

export interface WireEndpoint {
  send(message: ClientMessage): void;
  /** Registers the handler for messages from core. */
  onMessage(handler: (message: ServerMessage) => void): void;
}

/** A bridge over any message pipe. Pending calls fail with `disconnected` if the pipe closes. */
export function createWireBridge(endpoint: WireEndpoint): LedeBridge & { fail(message: string): void } {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  endpoint.onMessage((message) => {
    if (message.type === 'result') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });

  return {
    invoke(channel, payload) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          endpoint.send({ type: 'invoke', id, channel, payload });
        } catch (error) {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'disconnected', message: `Lede's core cannot be reached right now (${String(error)}).` } });
        }
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    fail(message) {
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'disconnected', message } });
      }
    },
  };
}
