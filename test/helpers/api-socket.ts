import WebSocket from 'ws';
import type { Channel, PayloadOf, ResultOf } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { ServerMessage } from '../../shared/wire';

/** Trades the launch token for the session cookie, as the page does. */
export async function sessionCookie(port: number, token: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error(`token refused: ${response.status}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('no cookie');
  return cookie.split(';')[0]!;
}

export interface ApiSocket {
  ws: WebSocket;
  events: Array<{ event: string; payload: unknown }>;
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  call<C extends Channel>(channel: C, payload: PayloadOf<C>): Promise<ResultOf<C>>;
  sendRaw(data: string | Buffer): void;
  nextResult(): Promise<Result<unknown>>;
  close(): void;
}

/** A Node client speaking the web shell's WebSocket protocol, with cookie and Origin like the page. */
export async function openApiSocket(port: number, cookie: string, origin = `http://127.0.0.1:${port}`): Promise<ApiSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { headers: { Cookie: cookie, Origin: origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const unmatched: Array<(result: Result<unknown>) => void> = [];
  const events: ApiSocket['events'] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.type === 'event') events.push({ event: message.event, payload: message.payload });
    else if (pending.has(message.id)) {
      pending.get(message.id)!(message.result);
      pending.delete(message.id);
    } else unmatched.shift()?.(message.result);
  });
  ws.on('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'disconnected', message: 'socket closed' } });
    pending.clear();
  });
  const invoke = (channel: string, payload: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      const id = nextId++;
      if (ws.readyState !== WebSocket.OPEN) return resolve({ ok: false, error: { code: 'disconnected', message: 'socket closed' } });
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
    });
  return {
    ws,
    events,
    invoke,
    async call(channel, payload) {
      const result = await invoke(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
      return result.value as ResultOf<typeof channel>;
    },
    sendRaw: (data) => ws.send(data),
    nextResult: () => new Promise((resolve) => unmatched.push(resolve)),
    close: () => ws.close(),
  };
}
