import type http from 'node:http';
import { ssoFinishRequestSchema, ssoStartRequestSchema, type SsoInfo } from '../../shared/sso-protocol';
import type { AuthThrottle } from '../auth/auth-throttle';
import { SsoRefusal, type SsoService } from '../auth/oidc/sso-service';
import type { ServerLog } from '../log';
import type { HttpRoute } from './http-api';
import { HttpError, readJson, sendJson } from './respond';

/**
 * Single sign-on's HTTP routes (ADR 0058), all without a token: what the
 * server offers (`GET /api/sso`), starting a sign-in, the provider's
 * callback, and trading the one-time code for a token.
 */
export function ssoRoutes(options: {
  sso: SsoService | null;
  log: ServerLog;
  throttle: AuthThrottle;
  addressOf(request: http.IncomingMessage): string;
  maxJsonBytes: number;
}): HttpRoute[] {
  const { sso, log, throttle } = options;
  const configured = (): SsoService => {
    if (!sso) throw new HttpError('not_found', 'This sync server does not offer single sign-on; sign in with an access token.');
    return sso;
  };
  const body = async <T>(request: http.IncomingMessage, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, hint: string): Promise<T> => {
    const parsed = schema.safeParse(await readJson(request, options.maxJsonBytes));
    if (!parsed.success) throw new HttpError('invalid_request', hint);
    return parsed.data;
  };

  return [
    {
      method: 'GET',
      pattern: /^\/api\/sso$/,
      handle: async (_request, response) => {
        sendJson(response, 200, (sso ? { enabled: true, issuer: sso.issuer } : { enabled: false }) satisfies SsoInfo);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sso\/start$/,
      handle: async (request, response) => {
        const service = configured();
        const input = await body(request, ssoStartRequestSchema, 'Send {"returnUrl": "http://127.0.0.1:<port>/…", "challenge": "<base64url sha256 of your verifier>"}.');
        try {
          sendJson(response, 200, await service.start(input, options.addressOf(request)));
        } catch (error) {
          throw asHttpError(error);
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sso\/callback$/,
      handle: async (_request, response, _match, url) => {
        const outcome = await configured().callback(url);
        if (outcome.kind === 'redirect') {
          response.writeHead(302, { Location: outcome.location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
          response.end();
          return;
        }
        sendPage(response, outcome.status, outcome.message);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sso\/finish$/,
      handle: async (request, response) => {
        const service = configured();
        const address = options.addressOf(request);
        // Codes are 256 random bits; the throttle stops a client from making the server try them as fast as it can send.
        const waitMs = await throttle.retryAfterMs(address);
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000);
          throw new HttpError('rate_limited', `Too many refused sign-ins from this address. Try again in ${seconds} s.`, { 'Retry-After': String(seconds) });
        }
        const input = await body(request, ssoFinishRequestSchema, 'Send {"handle", "code", "verifier"} from the same sign-in.');
        try {
          sendJson(response, 200, { token: (await service.finish(input)).token });
        } catch (error) {
          if (error instanceof SsoRefusal) {
            await throttle.failed(address);
            log.warn('sso: a sign-in code was refused', { address, reason: error.reason });
          }
          throw asHttpError(error);
        }
      },
    },
  ];
}

function asHttpError(error: unknown): unknown {
  if (!(error instanceof SsoRefusal)) return error;
  switch (error.reason) {
    case 'return_url':
      return new HttpError('invalid_request', error.message);
    case 'rate_limited':
      return new HttpError('rate_limited', error.message, { 'Retry-After': '60' });
    case 'busy':
    case 'provider_unreachable':
      return new HttpError('unavailable', error.message);
    default:
      return new HttpError('unauthorized', error.message);
  }
}

/** A plain page for the browser when there is no workstation to send it back to. */
function sendPage(response: http.ServerResponse, status: number, message: string): void {
  const escaped = message.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Lede sign-in</title><h1>Lede could not sign you in</h1><p>${escaped}</p></html>`;
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(html);
}
