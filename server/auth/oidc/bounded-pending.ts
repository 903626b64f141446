/**
 * Sign-ins in progress, kept in memory for a few minutes each and never more
 * than `max` at once: anyone may start a sign-in without a token, so what
 * one costs must be bounded (ADR 0058). Entries are taken once; a taken,
 * expired or unknown key reads as null.
 */
export class BoundedPending<T> {
  // A Map iterates in insertion order, so the oldest entries come first.
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** False when full (after dropping the expired): the caller refuses the new sign-in. */
  add(key: string, value: T): boolean {
    this.dropExpired();
    if (this.entries.size >= this.max) return false;
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    return true;
  }

  /** The entry, removed so it can never be used again; null when unknown or expired. */
  take(key: string): T | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    return entry.expiresAt > this.now() ? entry.value : null;
  }

  get size(): number {
    this.dropExpired();
    return this.entries.size;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
