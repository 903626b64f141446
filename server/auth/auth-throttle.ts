import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Failed token checks per client address (HTTP Bearer and WebSocket auth
 * together). Tokens are 256 random bits, so guessing is hopeless anyway;
 * what the throttle stops is a client making the server hash and look up
 * tokens as fast as it can send them. Past the limit an address gets 429 /
 * "rate-limited" until its window ends.
 */
export class AuthThrottle {
  private readonly limiter: RateLimiterMemory;

  constructor(private readonly options: { failures: number; windowMs: number }) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'auth-failures', points: options.failures, duration: Math.max(1, Math.ceil(options.windowMs / 1000)) });
  }

  /** How long `address` must wait before its next token check; 0 when it may try now. */
  async retryAfterMs(address: string): Promise<number> {
    const res = await this.limiter.get(address);
    if (!res || res.consumedPoints < this.options.failures) return 0;
    return Math.max(1, res.msBeforeNext);
  }

  /** Counts a refused token (or none where one was needed). */
  async failed(address: string): Promise<void> {
    await this.limiter.penalty(address, 1);
  }
}
