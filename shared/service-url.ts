/**
 * Addresses of the newsroom's own services (sync server, update feed,
 * dictionary host), as a policy or a person gives them. Only the schemes each
 * service speaks, a host, and no user name or password in the address (a
 * password in a file every user can read is not a secret).
 */
export const MAX_SERVICE_URL = 2048;

export const SYNC_PROTOCOLS = ['http:', 'https:', 'ws:', 'wss:'] as const;
export const WEB_PROTOCOLS = ['http:', 'https:'] as const;

/** Why `raw` is not a usable service address, or null when it is. */
export function serviceUrlProblem(raw: string, protocols: readonly string[]): string | null {
  if (raw.length > MAX_SERVICE_URL) return `is longer than ${MAX_SERVICE_URL} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a web address (e.g. https://lede.newsroom.example/)';
  }
  if (!protocols.includes(url.protocol)) return `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`;
  if (!url.hostname) return 'has no host name';
  if (url.username || url.password) return 'must not contain a user name or password';
  return null;
}

/**
 * The sync token, every story change and every update are worth reading on
 * the way: plain `http:`/`ws:` is for this computer only. A newsroom test
 * network without certificates can name its hosts in the machine policy
 * (`insecureHosts`), which says it is a test-only setting.
 */
const CLEARTEXT_PROTOCOLS = ['http:', 'ws:'];

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why `raw` would cross the network unencrypted, or null when it is fine to use. */
export function cleartextProblem(raw: string, insecureHosts: readonly string[] = []): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null; // serviceUrlProblem says what is wrong with it.
  }
  if (!CLEARTEXT_PROTOCOLS.includes(url.protocol) || isLoopbackHost(url.hostname)) return null;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (insecureHosts.some((allowed) => allowed.toLowerCase() === host)) return null;
  const secure = url.protocol === 'ws:' ? 'wss://' : 'https://';
  return `would send the access token and every change unencrypted: use ${secure} (only this computer's own addresses may use ${url.protocol}//)`;
}
