import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { DbFailureLog, LoginThrottle, MemoryFailureLog, type FailureLog } from './login-throttle.ts';

const WINDOW_MS = 15 * 60_000;
let db: Db;
beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
});
afterAll(() => db.close());

/** The same rules over either log: the process's own, or the database's that several instances share. */
const logs: [string, () => Promise<FailureLog>][] = [
  ['in memory', () => Promise.resolve(new MemoryFailureLog())],
  [
    'in the database',
    async () => {
      await db.query('DELETE FROM login_failures');
      return new DbFailureLog(db, WINDOW_MS);
    },
  ],
];

describe.each(logs)('LoginThrottle, failures %s', (_where, makeLog) => {
  let log: FailureLog;
  beforeEach(async () => {
    log = await makeLog();
  });

  function throttleAt(start = 1_000_000) {
    let now = start;
    const throttle = new LoginThrottle(
      {
        perUserAndAddress: { free: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 },
        perAddress: { free: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 },
        windowMs: WINDOW_MS,
      },
      () => now,
      log,
    );
    return { throttle, advance: (ms: number) => (now += ms) };
  }

  it('lets a few failures pass, then doubles the wait with every further one, up to the cap', async () => {
    const { throttle } = throttleAt();
    const waits: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      await throttle.recordFailure('anna', '10.0.0.1');
      waits.push(await throttle.retryAfterMs('anna', '10.0.0.1'));
    }
    expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
  });

  it('never locks the account: the right person from another address is not slowed by a guesser', async () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 50; i += 1) await throttle.recordFailure('admin', '203.0.113.9');
    expect(await throttle.retryAfterMs('admin', '203.0.113.9')).toBeGreaterThan(0);
    expect(await throttle.retryAfterMs('admin', '10.0.0.1')).toBe(0);
    expect(await throttle.retryAfterMs('ADMIN', '10.0.0.1')).toBe(0);
  });

  it('slows one address across many user names, for a bounded time', async () => {
    const { throttle, advance } = throttleAt();
    for (let i = 0; i < 30; i += 1) await throttle.recordFailure(`user${i}`, '10.0.0.9');
    expect(await throttle.retryAfterMs('someone-else', '10.0.0.9')).toBe(10_000);
    expect(await throttle.retryAfterMs('someone-else', '10.0.0.8')).toBe(0);
    advance(10_000);
    expect(await throttle.retryAfterMs('someone-else', '10.0.0.9')).toBe(0);
  });

  it('forgets failures once they leave the window', async () => {
    const { throttle, advance } = throttleAt();
    for (let i = 0; i < 8; i += 1) await throttle.recordFailure('anna', '10.0.0.1');
    advance(15 * 60_000 + 1);
    expect(await throttle.retryAfterMs('anna', '10.0.0.1')).toBe(0);
  });

  it('the right password clears its own count, not the address’s', async () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 3; i += 1) await throttle.recordFailure('anna', '10.0.0.1');
    await throttle.recordSuccess('anna', '10.0.0.1');
    await throttle.recordFailure('anna', '10.0.0.1');
    expect(await throttle.retryAfterMs('anna', '10.0.0.1')).toBe(0);
    for (let i = 0; i < 2; i += 1) await throttle.recordFailure('bert', '10.0.0.1');
    expect(await throttle.retryAfterMs('carl', '10.0.0.1')).toBe(1_000);
  });
});
