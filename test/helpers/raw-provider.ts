import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { GuardedWebSocket } from '../../electron/core/sync/guarded-websocket';
import { SYNC_SOCKET_PATH } from '../../shared/sync-protocol';

export interface RawProvider {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  events: { authenticated: number; failed: string[]; synced: number; stateless: string[]; closed: number; closeReasons: string[]; disconnected: number };
  destroy(): void;
}

/** A bare Hocuspocus client on one document, for tests that look at the server's answers directly. */
export function rawProvider(serverUrl: string, token: string, name: string, doc = new Y.Doc()): RawProvider {
  const socket = new HocuspocusProviderWebsocket({
    url: serverUrl.replace(/^http/, 'ws') + SYNC_SOCKET_PATH,
    WebSocketPolyfill: GuardedWebSocket,
    delay: 200,
    minDelay: 100,
    maxDelay: 1000,
  });
  const events: RawProvider['events'] = { authenticated: 0, failed: [], synced: 0, stateless: [], closed: 0, closeReasons: [], disconnected: 0 };
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token });
  provider.on('authenticated', () => events.authenticated++);
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => events.failed.push(reason));
  provider.on('synced', () => events.synced++);
  provider.on('stateless', ({ payload }: { payload: string }) => events.stateless.push(payload));
  provider.on('close', ({ event }: { event?: { reason?: string } }) => {
    events.closed++;
    events.closeReasons.push(event?.reason ?? '');
  });
  socket.on('disconnect', () => events.disconnected++);
  provider.attach();
  return {
    doc,
    provider,
    socket,
    events,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}
