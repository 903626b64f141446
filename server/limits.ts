/**
 * What one client may cost the server. Every limit here is reached before
 * the expensive part (buffering, a database query, a Hocuspocus document),
 * so a client without a token costs at most a few sockets of 64 KiB each,
 * for a few seconds.
 */
export interface ServerLimits {
  /** Largest WebSocket frame from an authenticated socket (a big story's first sync is one frame). */
  maxFrameBytes: number;
  /**
   * Largest document (a story with its history, a photo's metadata) the
   * server keeps: a change past it is refused and its writer told. Stores
   * of a document this size stay off the event loop (ADR 0052).
   */
  maxDocumentBytes: number;
  /**
   * Bytes a socket may send before any of its documents is authenticated.
   * Hocuspocus' auth message is the token and a document name (~150 bytes);
   * a client attaching many documents at once sends a few hundred bytes per
   * document before the first answer.
   */
  preAuthBytes: number;
  /** A socket with no authenticated document after this long is closed. */
  authTimeoutMs: number;
  /** Open WebSockets from one client address (see trustedProxies). */
  maxConnectionsPerAddress: number;
  /** Open WebSockets of one account (a laptop keeps one, reconnects overlap briefly, and a desk may share an account on many machines). */
  maxConnectionsPerAccount: number;
  /** Failed token checks (HTTP and WebSocket) one address may make per window… */
  authFailures: number;
  /** …after which it gets 429 / "rate-limited" until the window ends. */
  authFailureWindowMs: number;
  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed. Empty
   * (the default): the peer's address is the client's, whatever headers say,
   * since anyone can send the header.
   */
  trustedProxies: string[];
  /**
   * Stories one account may delete for good in an hour (counted in the
   * audit trail, so across server processes): with admin-only purges and
   * a retention, a stolen admin token still cannot empty the newsroom in one go.
   */
  maxPurgesPerHour: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxFrameBytes: 32 * 1024 * 1024,
  // A long investigation with its edit history is well under 1 MB; 8 MB leaves room for many times that.
  maxDocumentBytes: 8 * 1024 * 1024,
  preAuthBytes: 64 * 1024,
  authTimeoutMs: 5000,
  // High enough for a newsroom whose laptops all arrive through one load
  // balancer or NAT address (name the proxy in trustedProxies to count
  // per laptop instead); low enough that one address cannot hold thousands.
  maxConnectionsPerAddress: 256,
  maxConnectionsPerAccount: 32,
  authFailures: 20,
  authFailureWindowMs: 60_000,
  trustedProxies: [],
  maxPurgesPerHour: 20,
};

/** Days a purged story stays restorable, on the server and on every laptop (ADR 0059). */
export const DEFAULT_PURGE_RETENTION_DAYS = 30;

/** The earliest purge still restorable at `now`: the sweep, `restore` and the laptops (by /health) count the same way. */
export function restorableSince(now: number, retentionDays: number): number {
  return now - retentionDays * 24 * 3600_000;
}
