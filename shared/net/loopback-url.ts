/**
 * Where a browser may be sent back to after single sign-on: only this
 * computer's loopback address with an explicit port (RFC 8252 §7.3), over
 * plain http (nothing leaves the machine). `localhost` is not accepted: a
 * name can resolve elsewhere, an IP literal cannot. Anything else would make
 * the sign-in an open redirect carrying a sign-in code.
 */
export function loopbackUrlProblem(raw: string): string | null {
  if (raw.length > 500) return 'is too long';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an address';
  }
  if (url.protocol !== 'http:') return 'must start with http://';
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return 'must be on this computer (127.0.0.1 or [::1])';
  if (url.port === '') return 'needs a port';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.hash) return 'must not have a #fragment';
  if (url.search) return 'must not have a ?query';
  return null;
}
