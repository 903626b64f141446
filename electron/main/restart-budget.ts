/**
 * "At most N times in the last M milliseconds": decides whether a crashed
 * page is reloaded again, so a page that crashes on load does not spin in a
 * reload loop but tells the person instead.
 */
export class RestartBudget {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt at `now`; false when the budget is spent. */
  take(now: number): boolean {
    while (this.times.length > 0 && now - this.times[0]! >= this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}
