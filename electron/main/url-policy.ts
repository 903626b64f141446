/**
 * Which URLs the Electron shell lets a window load, navigate to or hand to
 * the operating system. Plain functions (no Electron) so the rules are tested
 * under Node: everything not explicitly allowed is refused.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'lede';
/** The page's origin. Every IPC sender and permission request is checked against it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const ENTRY_PATHS = new Set(['', '/', '/index.html']);
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:']);
const MAX_URL_LENGTH = 8192;

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * `scheme://host[:port]` of a URL, or null. Computed by hand because the URL
 * standard gives custom (non-special) schemes such as app: the opaque origin
 * "null", while Chromium treats our registered standard scheme as a real origin.
 */
export function originOf(raw: unknown): string | null {
  const url = parse(raw);
  if (!url || !url.host || url.username || url.password) return null;
  return `${url.protocol}//${url.host}`;
}

/** True for the workstation page itself (any hash or query), the only page a window may show. */
export function isAppPage(raw: unknown): boolean {
  const url = parse(raw);
  return !!url && originOf(raw) === APP_ORIGIN && ENTRY_PATHS.has(url.pathname);
}

export type ExternalLinkDecision = { allowed: true; url: string } | { allowed: false; reason: string };

/**
 * Whether a link may be opened in the person's browser: only http(s) URLs
 * with a host and without embedded credentials (a classic way to disguise
 * where a link goes). javascript:, file:, data:, custom schemes and anything
 * that does not parse are refused. The URL handed on is the parsed, normalised
 * one, never the raw string.
 */
export function externalLinkDecision(raw: unknown): ExternalLinkDecision {
  const url = parse(raw);
  if (!url) return { allowed: false, reason: 'not a valid URL' };
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return { allowed: false, reason: `the ${url.protocol} scheme is not opened outside Lede` };
  if (!url.hostname) return { allowed: false, reason: 'the link has no host' };
  if (url.username || url.password) return { allowed: false, reason: 'the link carries a user name or password' };
  return { allowed: true, url: url.href };
}

/** The scheme of a refused URL, for the log (never the whole URL: it may carry tokens). */
export function schemeForLog(raw: unknown): string {
  const url = parse(raw);
  return url ? url.protocol : 'unparseable';
}
