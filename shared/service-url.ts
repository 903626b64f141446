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
