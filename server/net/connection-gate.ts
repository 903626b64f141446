/**
 * Counts open WebSockets per client address and per account, and refuses
 * one more past the cap. These are gauges (up on open, down on close), not
 * rates, so a plain map: nothing expires on its own, every open has exactly
 * one release.
 */
export class ConnectionGate {
  private readonly byAddress = new Map<string, number>();
  private readonly byAccount = new Map<string, number>();

  constructor(private readonly limits: { maxConnectionsPerAddress: number; maxConnectionsPerAccount: number }) {}

  /** A release function for a new connection from `address`, or null past the cap. */
  openFromAddress(address: string): (() => void) | null {
    return take(this.byAddress, address, this.limits.maxConnectionsPerAddress);
  }

  /** A release function for a socket that just authenticated as `accountId`, or null past the cap. */
  openForAccount(accountId: string): (() => void) | null {
    return take(this.byAccount, accountId, this.limits.maxConnectionsPerAccount);
  }
}

function take(counts: Map<string, number>, key: string, cap: number): (() => void) | null {
  const current = counts.get(key) ?? 0;
  if (current >= cap) return null;
  counts.set(key, current + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (counts.get(key) ?? 1) - 1;
    if (left <= 0) counts.delete(key);
    else counts.set(key, left);
  };
}
