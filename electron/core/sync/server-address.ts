import { LedeError } from '../../../shared/errors';
import { cleartextProblem } from '../../../shared/service-url';

/**
 * A sync server address as people type it, made into the one form Lede keeps,
 * and refused when it would carry tokens unencrypted (ADR 0044).
 */
/** `newsroom.example:4818` → `https://newsroom.example:4818`; keeps a path (reverse proxies). */
export function normalizeServerUrl(input: string): string {
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `${/^(localhost|127\.|\[::1\])/i.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LedeError('invalid_payload', `"${input}" is not a server address. Use one like https://sync.newsroom.example.`);
  }
  // A policy may name the server by its WebSocket address; the HTTP API is on the same port.
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    url.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
    url.pathname = url.pathname.replace(/\/sync\/*$/, '');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LedeError('invalid_payload', 'The server address must start with https:// (or http:// on a trusted network).');
  }
  if (url.username || url.password) throw new LedeError('invalid_payload', 'Put the token in the token field, not in the address.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The address normalized; throws `insecure_address` when it is plain http:// to a host the policy does not trust. */
export function usableServerUrl(serverUrl: string, insecureHosts: readonly string[]): string {
  const url = normalizeServerUrl(serverUrl);
  const refusal = cleartextRefusal(url, insecureHosts);
  if (refusal) throw new LedeError(refusal.code, refusal.message);
  return url;
}

export function cleartextRefusal(url: string, insecureHosts: readonly string[]): { code: 'insecure_address'; message: string } | null {
  const problem = cleartextProblem(url, insecureHosts);
  return problem ? { code: 'insecure_address', message: `The sync server address ${url} ${problem}. Ask newsroom IT for its https:// address.` } : null;
}
