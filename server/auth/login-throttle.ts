/**
 * Slows down password guessing without locking anyone out. Failed sign-ins are counted per (user name,
 * client address) and per client address, within a window. Up to a few failures cost nothing; each one
 * beyond doubles the wait before the next attempt from there, up to a cap. Nothing is counted per user
 * name alone: a guesser elsewhere must not be able to keep the right person out of their account.
 */
export interface ThrottleRule {
  /** Failures that cost no wait. */
  free: number;
  /** The wait after the first failure beyond `free`; it doubles with each further one. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

export interface ThrottleLimits {
  /** One user name from one address: a person mistyping, or someone guessing their password. */
  perUserAndAddress: ThrottleRule;
  /** One address, any user names: a guesser trying many accounts (an office NAT is many people). */
  perAddress: ThrottleRule;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

export const defaultThrottleLimits: ThrottleLimits = {
  perUserAndAddress: { free: 3, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000 },
  perAddress: { free: 20, baseDelayMs: 1_000, maxDelayMs: 60_000 },
  windowMs: 15 * 60_000,
};

/** Keys kept at most; the oldest are dropped first, so that a flood of addresses cannot grow memory. */
const MAX_KEYS = 100_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this attempt may be made, or 0 when it may be made now. */
  retryAfterMs(username: string, address: string): number {
    return Math.max(
      this.waitFor(pairKey(username, address), this.limits.perUserAndAddress),
      this.waitFor(addressKey(address), this.limits.perAddress),
    );
  }

  recordFailure(username: string, address: string): void {
    for (const key of [pairKey(username, address), addressKey(address)]) {
      const times = this.recent(key);
      times.push(this.now());
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** The right password clears its (user, address) count, not the address's (one address, many users). */
  recordSuccess(username: string, address: string): void {
    this.failures.delete(pairKey(username, address));
  }

  private waitFor(key: string, rule: ThrottleRule): number {
    const times = this.recent(key);
    const beyond = times.length - rule.free;
    const last = times.at(-1);
    if (beyond <= 0 || last === undefined) return 0;
    const delay = Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(beyond - 1, 30));
    return Math.max(0, last + delay - this.now());
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}

const pairKey = (username: string, address: string) => `pair:${username.toLowerCase()}\u0000${address}`;
const addressKey = (address: string) => `addr:${address}`;
