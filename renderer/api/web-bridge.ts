import type { ConnectionState, LedeBridge } from '../../shared/contract';
import { createWireBridge, type ServerMessage } from '../../shared/wire';

/** Why the web shell could not be reached, in words for the person at the screen. */
export class WebSessionError extends Error {
  constructor(
    message: string,
    readonly kind: 'unauthorized' | 'unreachable',
  ) {
    super(message);
  }
}

const SOCKET_PATH = '/api/ws';

/**
 * Connects the page to the web shell: trades the launch token in the URL
 * fragment for a session cookie (then removes it from the address bar), and
 * carries the API over a WebSocket that reconnects if it drops.
 */
export async function connectWebBridge(): Promise<LedeBridge> {
  await establishSession();
  const listeners = new Set<(message: ServerMessage) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let socket = await openSocket();

  const bridge = createWireBridge({
    send(message) {
      // While disconnected, calls fail at once (code `disconnected`); callers
      // that must not lose data keep it and retry after reconnecting.
      if (socket.readyState !== WebSocket.OPEN) throw new Error('not connected');
      socket.send(JSON.stringify(message));
    },
    onMessage(handler) {
      listeners.add(handler);
    },
  });

  const wire = (ws: WebSocket) => {
    ws.onmessage = (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      for (const listener of listeners) listener(message);
    };
    ws.onclose = () => {
      bridge.fail('The connection to Lede was lost. Your changes are kept and will be sent when it is back.');
      for (const listener of connectionListeners) listener('lost');
      void reconnect();
    };
  };

  const reconnect = async () => {
    for (let attempt = 0; ; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      try {
        socket = await openSocket();
      } catch {
        continue;
      }
      wire(socket);
      for (const listener of connectionListeners) listener('open');
      return;
    }
  };

  wire(socket);
  return {
    invoke: bridge.invoke,
    on: bridge.on,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

async function establishSession(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) {
    const response = await fetchOrExplain('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'same-origin',
    });
    // The token has done its job; keep it out of history and screenshots.
    history.replaceState(null, '', location.pathname + location.search);
    if (response.ok) return;
    // A link signs in once. Opened again in a browser that it already signed
    // in (a second tab, the link clicked twice), the cookie is still good.
    const existing = await fetchOrExplain('/api/session', { credentials: 'same-origin' });
    if (existing.ok) return;
    throw new WebSessionError(await errorMessage(response), 'unauthorized');
  }
  const check = await fetchOrExplain('/api/session', { credentials: 'same-origin' });
  if (!check.ok) throw new WebSessionError(await errorMessage(check), 'unauthorized');
}

async function fetchOrExplain(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new WebSessionError('Lede’s web shell is not running. Start it with `npm run web` (or `npm start`) and open the address it prints.', 'unreachable');
  }
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return `Lede refused the connection (HTTP ${response.status}).`;
}

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${SOCKET_PATH}`;
    const ws = new WebSocket(url);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new WebSessionError('Could not open the connection to Lede.', 'unreachable'));
  });
}
