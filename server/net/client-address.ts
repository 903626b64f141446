import type http from 'node:http';

/**
 * The address a request comes from, for limits and throttles.
 *
 * X-Forwarded-For is anyone's to write, so it counts only when the peer is
 * a proxy the operator named; then the client is the nearest address in the
 * header that is not itself one of those proxies (entries further left were
 * written by the client and prove nothing).
 */
export function clientAddress(request: http.IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalize(request.socket.remoteAddress ?? 'unknown');
  if (trustedProxies.size === 0 || !trustedProxies.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => normalize(hop.trim()))
    .filter((hop) => hop.length > 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trustedProxies.has(hops[i]!)) return hops[i]!;
  }
  return peer;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
export function normalize(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
