/**
 * Counts failed sign-ins per user name and per client address in a sliding window. Once either key has
 * too many failures, further attempts are refused until the oldest failure leaves the window, so a
 * guesser is slowed down without locking the real person out for long.
 */
export interface ThrottleLimits {
  perUser: number;
  perAddress: number;
  windowMs: number;
}

export const defaultThrottleLimits: ThrottleLimits = { perUser: 5, perAddress: 30, windowMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this attempt may be made, or 0 when it may be made now. */
  retryAfterMs(username: string, address: string): number {
    return Math.max(
      this.waitFor(userKey(username), this.limits.perUser),
      this.waitFor(addressKey(address), this.limits.perAddress),
    );
  }

  recordFailure(username: string, address: string): void {
    for (const key of [userKey(username), addressKey(address)]) {
      const times = this.recent(key);
      times.push(this.now());
      this.failures.set(key, times);
    }
  }

  /** A correct password clears the user's count, not the address's (one address, many users). */
  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
  }

  private waitFor(key: string, limit: number): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    const oldestThatCounts = times[times.length - limit] ?? this.now();
    return Math.max(0, oldestThatCounts + this.limits.windowMs - this.now());
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}

const userKey = (username: string) => `user:${username.toLowerCase()}`;
const addressKey = (address: string) => `addr:${address}`;
