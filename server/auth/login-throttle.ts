import type { Queryable } from '../db/db.ts';

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

/** Where failures are written down: in the process (one instance), or in PostgreSQL (shared by every instance). */
export interface FailureLog {
  /** The times (ms) of `key`'s failures after `since`, oldest first. */
  since(key: string, since: number): Promise<number[]>;
  add(keys: readonly string[], at: number): Promise<void>;
  clear(key: string): Promise<void>;
}

/** Keys kept at most; the oldest are dropped first, so that a flood of addresses cannot grow memory. */
const MAX_KEYS = 100_000;

export class MemoryFailureLog implements FailureLog {
  private readonly failures = new Map<string, number[]>();

  since(key: string, since: number): Promise<number[]> {
    const times = (this.failures.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) this.failures.delete(key);
    return Promise.resolve(times);
  }

  add(keys: readonly string[], at: number): Promise<void> {
    for (const key of keys) {
      const times = [...(this.failures.get(key) ?? []), at];
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
    return Promise.resolve();
  }

  clear(key: string): Promise<void> {
    this.failures.delete(key);
    return Promise.resolve();
  }
}

/** The failures in the database, so that every instance on one PostgreSQL counts the same ones. */
export class DbFailureLog implements FailureLog {
  constructor(
    private readonly db: Queryable,
    private readonly windowMs: number,
  ) {}

  async since(key: string, since: number): Promise<number[]> {
    const rows = await this.db.query<{ at: Date }>(
      'SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at',
      [key, new Date(since)],
    );
    return rows.map((row) => row.at.getTime());
  }

  async add(keys: readonly string[], at: number): Promise<void> {
    await this.db.query('INSERT INTO login_failures (key, at) SELECT unnest($1::text[]), $2', [keys, new Date(at)]);
    // Forgotten failures go as new ones come.
    await this.db.query('DELETE FROM login_failures WHERE at < $1', [new Date(at - this.windowMs)]);
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}

export class LoginThrottle {
  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
    private readonly log: FailureLog = new MemoryFailureLog(),
  ) {}

  /** Milliseconds until this attempt may be made, or 0 when it may be made now. */
  async retryAfterMs(username: string, address: string): Promise<number> {
    return Math.max(
      await this.waitFor(pairKey(username, address), this.limits.perUserAndAddress),
      await this.waitFor(addressKey(address), this.limits.perAddress),
    );
  }

  recordFailure(username: string, address: string): Promise<void> {
    return this.log.add([pairKey(username, address), addressKey(address)], this.now());
  }

  /** The right password clears its (user, address) count, not the address's (one address, many users). */
  recordSuccess(username: string, address: string): Promise<void> {
    return this.log.clear(pairKey(username, address));
  }

  private async waitFor(key: string, rule: ThrottleRule): Promise<number> {
    const times = await this.log.since(key, this.now() - this.limits.windowMs);
    const beyond = times.length - rule.free;
    const last = times.at(-1);
    if (beyond <= 0 || last === undefined) return 0;
    const delay = Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(beyond - 1, 30));
    return Math.max(0, last + delay - this.now());
  }
}

const pairKey = (username: string, address: string) => `pair:${JSON.stringify([username.toLowerCase(), address])}`;
const addressKey = (address: string) => `addr:${address}`;
