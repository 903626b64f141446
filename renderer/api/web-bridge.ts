import type { ConnectionState, LedeBridge } from '../../shared/contract';
import { createWireBridge, type ServerMessage } from '../../shared/wire';
import { tokenFromSignInLink } from './sign-in-link';

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

type Outcome = 'open' | 'unreachable' | 'session-ended';

/**
 * Tabs of one browser share the session cookie: a tab that signed in tells
 * the others, and one whose session had ended tries again at once.
 */
const SIGNED_IN_CHANNEL = 'lede-signed-in';

/**
 * Connects the page to the web shell: trades the launch token in the URL
 * fragment for a session cookie (then removes it from the address bar), and
 * carries the API over a WebSocket that reconnects if it drops.
 *
 * A dropped socket is one of two things (ADR 0068): the shell is down (no
 * answer at all: retry with backoff, as long as it takes), or the shell is
 * back but has forgotten this page's session, because it restarted (401).
 * Retrying the second blindly would never end, so the page says
 * 'session-ended' and waits for a sign-in: a link pasted here
 * (`signInAgain`), or another tab of this browser signing in.
 */
export async function connectWebBridge(): Promise<LedeBridge> {
  await establishSession();
  const listeners = new Set<(message: ServerMessage) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let socket = await openSocket();
  let state: ConnectionState = 'open';
  /** While the backoff loop runs (the shell is down): it connects by itself. */
  let looping = false;
  /** A single attempt under way; whoever else wants one waits for its outcome. */
  let attempt: Promise<Outcome> | null = null;

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

  const announce = (next: ConnectionState) => {
    if (state === next) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

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
      announce('lost');
      void reconnect();
    };
  };

  /** One attempt: open, or say why not (the socket itself never tells). */
  const tryOnce = (): Promise<Outcome> => {
    attempt ??= (async (): Promise<Outcome> => {
      try {
        socket = await openSocket();
      } catch {
        return (await sessionStatus()) === 'gone' ? 'session-ended' : 'unreachable';
      }
      wire(socket);
      announce('open');
      return 'open';
    })().finally(() => {
      attempt = null;
    });
    return attempt;
  };

  const reconnect = async () => {
    if (looping) return;
    looping = true;
    try {
      for (let tries = 0; ; tries++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** tries)));
        const outcome = await tryOnce();
        if (outcome === 'open') return;
        if (outcome === 'session-ended') return announce('session-ended');
      }
    } finally {
      looping = false;
    }
  };

  /** After a sign-in (here or in another tab): one try now; if the shell is down after all, the loop again. */
  const resume = async (): Promise<Outcome> => {
    if (state === 'open') return 'open';
    // Down, and the loop already on it: it connects as soon as it can.
    if (looping) return 'unreachable';
    const outcome = await tryOnce();
    if (outcome === 'unreachable') {
      announce('lost');
      void reconnect();
    }
    return outcome;
  };

  const signedIn = typeof BroadcastChannel === 'function' ? new BroadcastChannel(SIGNED_IN_CHANNEL) : null;
  if (signedIn) signedIn.onmessage = () => void (state === 'session-ended' && resume());
  // A sign-in in another browser window may not reach this tab's channel
  // (another profile shares nothing); coming back to the tab checks again.
  window.addEventListener('focus', () => void (state === 'session-ended' && resume()));

  wire(socket);
  return {
    invoke: bridge.invoke,
    on: bridge.on,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    async signInAgain(link) {
      const parsed = tokenFromSignInLink(link, location.origin);
      if (!parsed.ok) return parsed;
      let traded: Response;
      try {
        traded = await tradeToken(parsed.token);
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
      if (!traded.ok) return { ok: false, message: await errorMessage(traded) };
      signedIn?.postMessage('signed-in');
      const outcome = await resume();
      if (outcome === 'session-ended') return { ok: false, message: 'Lede accepted the link but then did not know this browser’s session. Press Enter in its terminal for a new link and paste that.' };
      // 'unreachable': signed in, and the loop connects as soon as the socket opens.
      return { ok: true };
    },
  };
}

async function establishSession(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) {
    const response = await tradeToken(token);
    // The token has done its job; keep it out of history and screenshots.
    history.replaceState(null, '', location.pathname + location.search);
    if (response.ok) {
      // A tab of this browser whose session had ended can carry on now.
      if (typeof BroadcastChannel === 'function') {
        const channel = new BroadcastChannel(SIGNED_IN_CHANNEL);
        channel.postMessage('signed-in');
        channel.close();
      }
      return;
    }
    // A link signs in once. Opened again in a browser that it already signed
    // in (a second tab, the link clicked twice), the cookie is still good.
    const existing = await fetchOrExplain('/api/session', { credentials: 'same-origin' });
    if (existing.ok) return;
    throw new WebSessionError(await errorMessage(response), 'unauthorized');
  }
  const check = await fetchOrExplain('/api/session', { credentials: 'same-origin' });
  if (!check.ok) throw new WebSessionError(await errorMessage(check), 'unauthorized');
}

function tradeToken(token: string): Promise<Response> {
  return fetchOrExplain('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
    credentials: 'same-origin',
  });
}

/** Whether the shell still knows this page's session: 'gone' only on its own 401, never on silence. */
async function sessionStatus(): Promise<'live' | 'gone' | 'unreachable'> {
  try {
    const response = await fetch('/api/session', { credentials: 'same-origin' });
    if (response.ok) return 'live';
    return response.status === 401 ? 'gone' : 'unreachable';
  } catch {
    return 'unreachable';
  }
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
