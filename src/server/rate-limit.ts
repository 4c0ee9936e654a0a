/** A token bucket per client (API key, else IP): `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 50, burst: 200 };

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly opts: RateLimitOptions, private readonly now: () => number = Date.now) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait (for Retry-After). */
  take(client: string): number {
    const t = this.now();
    let b = this.buckets.get(client);
    if (!b) {
      if (this.buckets.size >= 10_000) this.buckets.clear(); // bounded memory under an address sweep
      b = { tokens: this.opts.burst, at: t };
      this.buckets.set(client, b);
    }
    b.tokens = Math.min(this.opts.burst, b.tokens + ((t - b.at) / 1000) * this.opts.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.opts.perSecond));
  }
}
