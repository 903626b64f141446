import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateNinjs } from '../../shared/interchange/ninjs/validate-ninjs';

/** One request an HTTP receiver got, as a CMS would check it. */
export interface Received {
  deliveryId: string;
  signatureValid: boolean;
  schemaErrors: string[];
  contentType: string;
  body: Record<string, unknown>;
  /** What the receiver answered (0: it never answered — held or cut off). */
  answered: number;
}

/** How the receiver answers its nth request (1-based): a status, after a pause, or never (held until released). */
export type Answer = { status: number; body?: string; delayMs?: number } | 'hold';

export interface HttpReceiver {
  url: string;
  port: number;
  received: Received[];
  /** Delivery ids answered 2xx. */
  accepted(): string[];
  /** Answers every held request with this status. */
  release(status: number): void;
  stop(): Promise<void>;
  /** Listens again on the same port (a receiver that was down comes back). */
  start(): Promise<void>;
}

/** An HTTP receiver on 127.0.0.1 that checks X-Lede-Signature with the secret and the body against the ninjs 2.2 schema. */
export async function startHttpReceiver(secret: string, answer: (n: number, received: Received) => Answer = () => ({ status: 200 }), port = 0): Promise<HttpReceiver> {
  const received: Received[] = [];
  const held: Array<{ response: http.ServerResponse; entry: Received }> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(request.headers['x-lede-signature'] ?? ''));
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const entry: Received = {
        deliveryId: String(request.headers['x-lede-delivery'] ?? ''),
        signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
        schemaErrors: validateNinjs(body).errors,
        contentType: String(request.headers['content-type'] ?? ''),
        body,
        answered: 0,
      };
      received.push(entry);
      const plan = answer(received.length, entry);
      if (plan === 'hold') return void held.push({ response, entry });
      const reply = () => {
        entry.answered = plan.status;
        response.writeHead(plan.status, { 'Content-Type': 'text/plain' }).end(plan.body ?? '');
      };
      if (plan.delayMs) setTimeout(reply, plan.delayMs);
      else reply();
    });
  });
  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => resolve());
    });
  await listen(port);
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/inbox`,
    port: bound,
    received,
    accepted: () => received.filter((entry) => entry.answered >= 200 && entry.answered < 300).map((entry) => entry.deliveryId),
    release(status) {
      for (const { response, entry } of held.splice(0)) {
        entry.answered = status;
        if (!response.writableEnded && !response.destroyed) response.writeHead(status).end();
      }
    },
    async stop() {
      for (const { response } of held.splice(0)) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    start: () => listen(bound),
  };
}
